import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { registerUser } from "../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { outboxOf } from "../../test/support/worker/dispatch.ts";
import { eventually, insertJob, reportEvent } from "../../test/support/worker/jobs.ts";
import {
  completedJobDeliveries,
  configureReceiver,
  createAccountSecret,
  type ReceivedWebhook,
  receivedOn,
  receiverPath,
  registerEndpoint,
  sampleManifest,
} from "../../test/support/worker/webhooks.ts";
import worker from "../index.ts";
import { recordEffects } from "../outbox/record.ts";
import { signatureHeader } from "./signature.ts";

const arrived = (name: string, count = 1) =>
  eventually(
    () => receivedOn(name),
    (all) => all.length >= count,
  );

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Sends `webhook` to the receiver again with a changed body or signature, as an attacker would. */
const replay = (url: string, webhook: ReceivedWebhook, body: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: "POST",
    body,
    headers: {
      "webhook-id": webhook.id!,
      "webhook-timestamp": webhook.timestamp!,
      "webhook-signature": webhook.signature!,
      ...headers,
    },
  });

/** An endpoint on the receiver and a delivery to it overdue by ten minutes, whose message never went out. */
async function deliveryLeftWithoutMessage() {
  const user = await registerUser();
  const path = receiverPath();
  const endpoint = await registerEndpoint(user.accessToken, path.url);
  await configureReceiver(path.name, { secrets: [endpoint.secret] });
  const { deliveryIds } = await completedJobDeliveries(user.userId);
  const deliveryId = deliveryIds[0]!;
  await withTestDatabase((db) =>
    db
      .update(schema.webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(schema.webhookDeliveries.id, deliveryId)),
  );
  return { path, endpoint, deliveryId };
}

describe("webhooks for finished jobs, through the real queue", () => {
  it("announces a completed job once, however often its completion is reported", async () => {
    const user = await registerUser();
    const path = receiverPath();
    const endpoint = await registerEndpoint(user.accessToken, path.url);
    await configureReceiver(path.name, { secrets: [endpoint.secret] });
    const job = await insertJob({ userId: user.userId, status: "processing" });
    const completed = {
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: new Date().toISOString(),
      type: "completed" as const,
      manifestKey: `jobs/${job.id}/manifest.json`,
      manifest: sampleManifest,
    };
    expect(await (await reportEvent(completed)).json()).toEqual({ applied: true });
    expect(await (await reportEvent(completed)).json()).toMatchObject({ applied: false });

    const [received] = await arrived(path.name);
    expect(received).toMatchObject({ verifiedBy: [true], status: 200 });
    expect(JSON.parse(received!.body)).toMatchObject({
      type: "job.completed",
      data: { jobId: job.id, summary: { highlightCount: 2, chapterCount: 3, reelDurationSeconds: 58.5 } },
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await receivedOn(path.name)).toHaveLength(1);
    const rows = await withTestDatabase((db) =>
      db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.jobId, job.id)),
    );
    expect(rows).toMatchObject([{ status: "succeeded", attemptCount: 1, eventType: "job.completed" }]);
  });

  it("announces a job the dead-letter queue fails, to its webhookUrl, signed with the account secret", async () => {
    const user = await registerUser();
    const path = receiverPath();
    await configureReceiver(path.name, { secrets: [await createAccountSecret(user.accessToken)] });
    const job = await insertJob({ userId: user.userId, status: "queued", webhookUrl: path.url });
    const batch = createMessageBatch("lh-jobs-dlq", [
      { id: "dead-1", timestamp: new Date(), attempts: 1, body: { jobId: job.id, attempt: 1 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await waitOnExecutionContext(ctx);
    const [received] = await arrived(path.name);
    expect(received).toMatchObject({ verifiedBy: [true], status: 200 });
    expect(JSON.parse(received!.body)).toMatchObject({
      type: "job.failed",
      data: { jobId: job.id, status: "failed", error: { code: "dispatch_failed", message: expect.any(String) } },
    });
  });

  it("announces a job whose last lease expired, from the cron", async () => {
    const user = await registerUser();
    const path = receiverPath();
    const endpoint = await registerEndpoint(user.accessToken, path.url, ["job.failed"]);
    await configureReceiver(path.name, { secrets: [endpoint.secret] });
    const job = await insertJob({
      userId: user.userId,
      status: "processing",
      attempt: 3,
      maxAttempts: 3,
      leaseExpiresAt: new Date(Date.now() - 60_000),
    });
    await runCron();
    const [received] = await arrived(path.name);
    expect(JSON.parse(received!.body)).toMatchObject({
      type: "job.failed",
      data: { jobId: job.id, error: { code: "attempts_exhausted" } },
    });
  });

  it("announces from the cron a finished job whose announcement the commit left in the outbox, and only once", async () => {
    const user = await registerUser();
    const path = receiverPath();
    await configureReceiver(path.name, { secrets: [await createAccountSecret(user.accessToken)] });
    const job = await insertJob({
      userId: user.userId,
      status: "failed",
      errorCode: "input_no_audio",
      errorMessage: "no audio stream",
      finishedAt: new Date(Date.now() - 5 * 60_000),
      webhookUrl: path.url,
    });
    // As a failed drain after the job's final commit leaves it: the announcement only in the outbox.
    await withTestDatabase((db) => recordEffects(db, job.id, [{ kind: "announce" }]));
    await runCron();
    const [received] = await arrived(path.name);
    expect(JSON.parse(received!.body)).toMatchObject({
      type: "job.failed",
      data: { jobId: job.id, error: { code: "input_no_audio" } },
    });
    expect(await outboxOf(job.id)).toEqual([]);
    await runCron();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await receivedOn(path.name)).toHaveLength(1);
  });

  it("re-sends from the cron a due delivery whose queue message never went out", async () => {
    const { path, deliveryId } = await deliveryLeftWithoutMessage();
    await runCron();
    const [received] = await arrived(path.name);
    expect(received).toMatchObject({ id: `msg_${deliveryId}`, verifiedBy: [true] });
  });

  it("has the receiver reject a tampered body, a forged signature and an old timestamp", async () => {
    const { path, endpoint } = await deliveryLeftWithoutMessage();
    await runCron();
    const [genuine] = await arrived(path.name);
    expect(genuine!.verifiedBy).toEqual([true]);

    const tampered = genuine!.body.replace('"highlightCount":2', '"highlightCount":20');
    expect(tampered).not.toBe(genuine!.body);
    expect((await replay(path.url, genuine!, tampered)).status).toBe(400);

    const forged = await signatureHeader(genuine!.id!, Number(genuine!.timestamp), genuine!.body, [
      `whsec_${btoa("an attacker's guess at the secret")}`,
    ]);
    expect((await replay(path.url, genuine!, genuine!.body, { "webhook-signature": forged })).status).toBe(400);

    const oldTimestamp = Math.floor(Date.now() / 1000) - 10 * 60;
    const validButOld = await signatureHeader(genuine!.id!, oldTimestamp, genuine!.body, [endpoint.secret]);
    const old = await replay(path.url, genuine!, genuine!.body, {
      "webhook-timestamp": String(oldTimestamp),
      "webhook-signature": validButOld,
    });
    expect(old.status).toBe(400);
    expect((await receivedOn(path.name)).map((r) => r.verifiedBy[0])).toEqual([true, false, false, false]);
  });
});
