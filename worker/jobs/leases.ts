import { and, eq, lt } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { commitJobChange, finishedEffects } from "./commit-change.ts";
import { failJob, nextAttempt } from "./job-state.ts";

/**
 * Jobs whose media worker stopped sending heartbeats (crash, container restart): each goes back
 * to the queue as its next attempt and resumes from its checkpoints, or fails once out of
 * attempts. Every update is conditional on the state read, so two sweeps at once cannot both
 * act, and its side effects commit with it (outbox).
 */
export async function recoverExpiredLeases(
  env: Env,
  db: Database,
  now = new Date(),
): Promise<{ requeued: number; failed: number }> {
  const expired = await db
    .select()
    .from(schema.jobs)
    .where(and(eq(schema.jobs.status, "processing"), lt(schema.jobs.leaseExpiresAt, now)))
    .limit(100);
  let requeued = 0;
  let failed = 0;
  for (const job of expired) {
    const expected = { id: job.id, attempt: job.attempt, statuses: ["processing" as const] };
    if (job.attempt >= job.maxAttempts) {
      const failure = failJob(
        "attempts_exhausted",
        `The media worker stopped sending heartbeats on each of ${job.attempt} attempts.`,
        now,
      );
      if (await commitJobChange(env, db, expected, failure.patch, () => finishedEffects(failure.message))) failed++;
    } else {
      const retried = await commitJobChange(env, db, expected, nextAttempt(job), (updated) => [
        { kind: "dispatch", attempt: updated.attempt },
        { kind: "publish" },
      ]);
      if (retried) requeued++;
    }
  }
  return { requeued, failed };
}
