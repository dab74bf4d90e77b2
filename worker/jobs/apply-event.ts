import { eq } from "drizzle-orm";
import type { WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import type { ProgressPayload } from "../../agents/contracts/progress.ts";
import { type Database, schema } from "../../db/client.ts";
import { nextJobState } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

export type AppliedEvent =
  | { applied: false; reason: string }
  | { applied: true; job: JobRow; message?: ProgressPayload; requeue: boolean };

/**
 * Records one media worker report and applies it to the job, in one transaction with the job
 * row locked. `(job, attempt, seq)` is unique, so a report delivered twice is stored once and
 * applied once.
 */
export async function applyWorkerEvent(db: Database, event: WorkerEvent, leaseSeconds: number): Promise<AppliedEvent> {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(schema.jobs).where(eq(schema.jobs.id, event.jobId)).for("update");
    if (!job) return { applied: false, reason: "unknown job" };
    const stored = await tx
      .insert(schema.jobEvents)
      .values({ jobId: event.jobId, attempt: event.attempt, seq: event.seq, type: event.type, payload: event })
      .onConflictDoNothing()
      .returning({ id: schema.jobEvents.id });
    if (stored.length === 0) return { applied: false, reason: "duplicate report" };

    const transition = nextJobState(job, event, new Date(), leaseSeconds);
    if (transition.kind === "ignore") return { applied: false, reason: transition.reason };
    const [updated] = await tx.update(schema.jobs).set(transition.patch).where(eq(schema.jobs.id, job.id)).returning();
    return { applied: true, job: updated!, message: transition.message, requeue: transition.requeue ?? false };
  });
}
