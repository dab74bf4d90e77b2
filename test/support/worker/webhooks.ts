import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { eq } from "drizzle-orm";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import { schema } from "../../../db/client.ts";
import worker from "../../../worker/index.ts";
import { createJobDeliveries } from "../../../worker/webhooks/record-job-finished.ts";
import type { ReceiverBehaviour as Behaviour, ReceivedWebhook } from "../../webhook-receiver-types.ts";
import { postJson } from "./accounts.ts";
import { withTestDatabase } from "./database.ts";
import { insertJob } from "./jobs.ts";

export type { ReceivedWebhook };
export type ReceiverBehaviour = Partial<Behaviour>;

const receiverBase = () => {
  const url = (env as unknown as { WEBHOOK_TEST_RECEIVER_URL?: string }).WEBHOOK_TEST_RECEIVER_URL;
  if (!url) throw new Error("WEBHOOK_TEST_RECEIVER_URL is unset: run the tests with npm test");
  return url;
};

/** A fresh path on the test receiver, and its public URL. */
export function receiverPath(): { name: string; url: string } {
  const name = crypto.randomUUID();
  return { name, url: `${receiverBase()}/hooks/${name}` };
}

/**
 * Sets how the receiver answers on one path; `secrets` are what it verifies signatures with.
 *
 * @example
 * await configureReceiver(name, { secrets: [secret], statuses: [500, 200] });
 */
export async function configureReceiver(name: string, behaviour: ReceiverBehaviour): Promise<void> {
  const response = await fetch(`${receiverBase()}/paths/${name}`, { method: "PUT", body: JSON.stringify(behaviour) });
  if (!response.ok) throw new Error(`receiver configuration failed: ${response.status}`);
}

/** Every request the receiver got on one path, oldest first. */
export async function receivedOn(name: string): Promise<ReceivedWebhook[]> {
  const response = await fetch(`${receiverBase()}/paths/${name}`);
  return ((await response.json()) as { received: ReceivedWebhook[] }).received;
}

export type CreatedEndpoint = { id: string; url: string; secret: string; eventTypes: string[]; enabled: boolean };

/** Registers an endpoint through `POST /v1/webhooks`. */
export function registerEndpoint(
  credential: string,
  url: string,
  eventTypes = ["job.completed", "job.failed"],
): Promise<CreatedEndpoint> {
  return postJson("/v1/webhooks", { url, eventTypes, description: "test receiver" }, 201, credential);
}

/** Creates the account's signing secret (for per-job `webhookUrl`s) through `POST /v1/webhooks/account-secret`. */
export async function createAccountSecret(credential: string): Promise<string> {
  return (await postJson<{ secret: string }>("/v1/webhooks/account-secret", {}, 201, credential)).secret;
}

export const sampleManifest: ResultManifest = {
  durationSeconds: 600,
  highlights: [
    {
      start: 10,
      end: 40,
      title: "A",
      summary: "a",
      keyPhrases: [],
      score: 0.9,
      chapterIndex: 0,
      clipKey: null,
      thumbnailKey: null,
    },
    {
      start: 90,
      end: 120,
      title: "B",
      summary: "b",
      keyPhrases: [],
      score: 0.8,
      chapterIndex: 1,
      clipKey: null,
      thumbnailKey: null,
    },
  ],
  chapters: [
    { start: 0, title: "Intro", summary: "" },
    { start: 60, title: "Core", summary: "" },
    { start: 300, title: "Wrap-up", summary: "" },
  ],
  reel: { key: "jobs/x/reel.mp4", durationSeconds: 58.5 },
  transcript: { jsonKey: "t.json", vttKey: "t.vtt", srtKey: "t.srt" },
  reelCaptions: null,
  stats: {},
};

/**
 * A completed job of `userId` and its delivery rows, written without a queue message: the test
 * then drives the consumer itself with `runWebhookBatch`, so nothing else races it.
 */
export async function completedJobDeliveries(
  userId: string,
  webhookUrl?: string,
): Promise<{ jobId: string; deliveryIds: string[] }> {
  const job = await insertJob({ userId, status: "completed", finishedAt: new Date(), webhookUrl });
  const deliveryIds = await withTestDatabase((db) => createJobDeliveries(env, db, job, sampleManifest));
  return { jobId: job.id, deliveryIds };
}

/**
 * Hands messages for `deliveryIds` to the Worker's queue handler, as the `lh-webhooks` queue
 * would, and returns what the handler did with them (acks, retries and their delays).
 * `getQueueResult` of @cloudflare/vitest-plugin 1.5 drops the `delaySeconds` a handler passes
 * to `retry()`, so each message's own `retry` is observed to put the delay back.
 *
 * @example
 * const result = await runWebhookBatch([id]); // result.retryMessages[0].delaySeconds
 */
export async function runWebhookBatch(deliveryIds: string[], attempts = 1) {
  const batch = createMessageBatch(
    "lh-webhooks",
    deliveryIds.map((deliveryId, index) => ({
      id: `m-${index}-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts,
      body: { deliveryId },
    })),
  );
  const requestedDelays = new Map<string, number | undefined>();
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      requestedDelays.set(message.id, options?.delaySeconds);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  const result = await getQueueResult(batch, ctx);
  return {
    ...result,
    retryMessages: result.retryMessages.map((m) => ({ ...m, delaySeconds: requestedDelays.get(m.msgId) })),
  };
}

export function readDelivery(id: string) {
  return withTestDatabase(
    async (db) => (await db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.id, id)))[0]!,
  );
}

/** Moves a delivery's next attempt to now, as if its backoff delay had passed. */
export function makeDue(id: string): Promise<unknown> {
  return withTestDatabase((db) =>
    db.update(schema.webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(schema.webhookDeliveries.id, id)),
  );
}
