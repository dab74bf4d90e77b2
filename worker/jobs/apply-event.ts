import { eq } from "drizzle-orm";
import type { WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import { type Database, schema } from "../../db/client.ts";
import type { OutboxEffect } from "../outbox/effect.ts";
import { recordEffects } from "../outbox/record.ts";
import { finishedEffects } from "./commit-change.ts";
import { nextJobState, type Transition } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

export type AppliedEvent = { applied: false; reason: string } | { applied: true; outbox: number[] };

type Applied = Extract<Transition, { kind: "apply" }>;

/** What the new state owes the outside world: the room, a queue message, webhooks. */
function effectsOf(job: JobRow, event: WorkerEvent, transition: Applied): OutboxEffect[] {
  if (job.status === "completed" || job.status === "failed") {
    const manifest = event.type === "completed" ? event.manifest : undefined;
    return finishedEffects(transition.message!, manifest);
  }
  const publish: OutboxEffect = { kind: "publish", message: transition.message };
  return transition.requeue ? [publish, { kind: "dispatch", attempt: job.attempt }] : [publish];
}

/**
 * Records one media worker report and applies it to the job, in one transaction with the job
 * row locked, together with its side effects (outbox ids come back to drain after the commit).
 * `(job, attempt, seq)` is unique, so a report delivered twice is stored once and applied once.
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
    return { applied: true, outbox: await recordEffects(tx, job.id, effectsOf(updated!, event, transition)) };
  });
}
