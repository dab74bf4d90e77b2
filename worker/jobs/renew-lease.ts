import { and, eq } from "drizzle-orm";
import type { WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import { type Database, schema } from "../../db/client.ts";
import type { AppliedEvent } from "./apply-event.ts";
import { nextJobState } from "./job-state.ts";

type Heartbeat = Extract<WorkerEvent, { type: "heartbeat" }>;

/**
 * A heartbeat extends the running attempt's lease and does nothing else: no stored report (an
 * hour-long job sends one every 30 s), no room update, no lock held. The update is conditional
 * on the attempt and status read, so a heartbeat of an attempt that was just superseded,
 * cancelled or finished changes nothing.
 *
 * @example
 * await renewLease(db, { jobId, attempt: 1, seq: 9, at, type: "heartbeat" }, 120);
 */
export async function renewLease(db: Database, event: Heartbeat, leaseSeconds: number): Promise<AppliedEvent> {
  const j = schema.jobs;
  const [job] = await db.select().from(j).where(eq(j.id, event.jobId));
  if (!job) return { applied: false, reason: "unknown job" };
  const transition = nextJobState(job, event, new Date(), leaseSeconds);
  if (transition.kind === "ignore") return { applied: false, reason: transition.reason };
  const renewed = await db
    .update(j)
    .set(transition.patch)
    .where(and(eq(j.id, job.id), eq(j.attempt, event.attempt), eq(j.status, "processing")))
    .returning({ id: j.id });
  return renewed.length > 0 ? { applied: true, outbox: [] } : { applied: false, reason: "the attempt moved on" };
}
