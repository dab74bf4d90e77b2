import { and, eq } from "drizzle-orm";
import type { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";

/**
 * Sends the job's attempt to the jobs queue, delayed by `delaySeconds`, then records that it
 * was sent. Only the outbox calls it ("dispatch" effects), so a send that fails is tried again.
 */
export async function enqueueJob(
  env: Pick<Env, "JOBS_QUEUE">,
  db: Database,
  { id, attempt, capacityRound }: { id: string; attempt: number; capacityRound?: number },
  delaySeconds = 0,
): Promise<void> {
  const message: JobQueueMessage = capacityRound ? { jobId: id, attempt, capacityRound } : { jobId: id, attempt };
  await env.JOBS_QUEUE.send(message, delaySeconds > 0 ? { delaySeconds } : undefined);
  await db
    .update(schema.jobs)
    .set({ enqueuedAt: new Date() })
    .where(and(eq(schema.jobs.id, id), eq(schema.jobs.attempt, attempt)));
}
