import type { ProgressPayload } from "../../agents/contracts/progress.ts";
import type { Env } from "../env.ts";
import { type JobRow, toSnapshot } from "./snapshot.ts";

/** The job's room (one Durable Object per job id). */
export function jobRoom(env: Pick<Env, "JOB_ROOM">, jobId: string) {
  return env.JOB_ROOM.get(env.JOB_ROOM.idFromName(jobId));
}

/** Hands the job's new state, and optionally one message, to its room's subscribers. */
export async function publishJobUpdate(
  env: Pick<Env, "JOB_ROOM">,
  job: JobRow,
  message?: ProgressPayload,
): Promise<void> {
  await jobRoom(env, job.id).publish(job.id, toSnapshot(job), message);
}
