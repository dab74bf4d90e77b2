import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import type { JobStatus } from "../../agents/contracts/job.ts";
import type { ProgressPayload } from "../../agents/contracts/progress.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { drainOutbox } from "../outbox/drain.ts";
import type { OutboxEffect } from "../outbox/effect.ts";
import { recordEffects } from "../outbox/record.ts";
import type { JobPatch } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

/** The state a change was decided on; the change applies only while the job is still in it. */
export type ExpectedJob = { id: string; statuses: JobStatus[]; attempt?: number; capacityRound?: number };

/**
 * What a job that just finished owes: its room hears the end, its webhooks announce it, its
 * user gets the email they asked for. Separate effects, so a failing email provider retries
 * only the email.
 */
export function finishedEffects(message: ProgressPayload, manifest?: ResultManifest): OutboxEffect[] {
  return [{ kind: "publish", message }, { kind: "announce", manifest }, { kind: "notify" }];
}

/**
 * Applies `patch` if the job is still as `expected` says, together with the side effects the
 * new state owes (written to the outbox in the same transaction), then performs those effects.
 * Null when the job moved on meanwhile: then nothing was written, and two sweeps or two queue
 * deliveries acting on the same state cannot both act.
 *
 * @example
 * const failed = await commitJobChange(env, db, { id, attempt, statuses: ["queued"] }, failure.patch, () =>
 *   finishedEffects(failure.message));
 */
export async function commitJobChange(
  env: Env,
  db: Database,
  expected: ExpectedJob,
  patch: JobPatch,
  effects: (job: JobRow) => OutboxEffect[],
): Promise<JobRow | null> {
  const j = schema.jobs;
  const conditions: SQL[] = [eq(j.id, expected.id), inArray(j.status, expected.statuses)];
  if (expected.attempt !== undefined) conditions.push(eq(j.attempt, expected.attempt));
  if (expected.capacityRound !== undefined) conditions.push(eq(j.capacityRound, expected.capacityRound));
  const committed = await db.transaction(async (tx) => {
    const [job] = await tx
      .update(j)
      .set(patch)
      .where(and(...conditions))
      .returning();
    return job ? { job, outbox: await recordEffects(tx, job.id, effects(job)) } : null;
  });
  if (!committed) return null;
  await drainOutbox(env, db, { ids: committed.outbox });
  return committed.job;
}
