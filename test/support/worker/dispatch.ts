import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import type { JobQueueMessage } from "../../../agents/contracts/queue.ts";
import { schema } from "../../../db/client.ts";
import type { Env } from "../../../worker/env.ts";
import worker from "../../../worker/index.ts";
import { withTestDatabase } from "./database.ts";
import { configureReceiver, type ReceiverBehaviour, receiverPath } from "./webhooks.ts";

/**
 * A path of the test receiver standing in for the media fleet's URL: it answers `POST …/jobs`
 * and `POST …/jobs/:id/cancel` with the statuses given, in turn, and records every request.
 *
 * @example
 * const fleet = await scriptedFleet({ statuses: [503, 202], headers: { "retry-after": "3600" } });
 */
export async function scriptedFleet(behaviour: ReceiverBehaviour): Promise<{ name: string; env: Env }> {
  const { name, url } = receiverPath();
  await configureReceiver(name, behaviour);
  return { name, env: { ...(env as unknown as Env), MEDIA_WORKER_URL: url } };
}

/** Delivers one jobs-queue message to the consumer, as the queue does, and reports acks and retries. */
export async function deliverJobMessage(fleetEnv: Env, body: JobQueueMessage, id = crypto.randomUUID()) {
  const batch = createMessageBatch("lh-jobs", [{ id, timestamp: new Date(), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, fleetEnv, ctx);
  return getQueueResult(batch, ctx);
}

/** The side effects still waiting in the outbox for one job. */
export function outboxOf(jobId: string) {
  return withTestDatabase((db) => db.select().from(schema.outbox).where(eq(schema.outbox.jobId, jobId)));
}
