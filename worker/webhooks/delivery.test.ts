import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { apiBase, authHeaders, postJson, registerUser } from "../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { eventually } from "../../test/support/worker/jobs.ts";
import {
  completedJobDeliveries,
  configureReceiver,
  createAccountSecret,
  makeDue,
  readDelivery,
  receivedOn,
  receiverPath,
  registerEndpoint,
  runWebhookBatch,
} from "../../test/support/worker/webhooks.ts";

/** A user with one endpoint on a fresh receiver path that verifies with the endpoint's secret. */
async function endpointOnReceiver(statuses: number[] = [200]) {
  const user = await registerUser();
  const path = receiverPath();
  const endpoint = await registerEndpoint(user.accessToken, path.url);
  await configureReceiver(path.name, { secrets: [endpoint.secret], statuses });
  const { jobId, deliveryIds } = await completedJobDeliveries(user.userId);
  expect(deliveryIds).toHaveLength(1);
  return { user, path, endpoint, jobId, deliveryId: deliveryIds[0]! };
}

async function listEndpoints(accessToken: string) {
  const response = await SELF.fetch(`${apiBase}/v1/webhooks`, { headers: authHeaders(accessToken) });
  return ((await response.json()) as { data: { id: string; enabled: boolean; disabledReason: string | null }[] }).data;
}

describe("webhook delivery", () => {
  it("sends a job.completed event the standardwebhooks library verifies", async () => {
    const { path, jobId, deliveryId } = await endpointOnReceiver();
    const result = await runWebhookBatch([deliveryId]);
    expect(result.explicitAcks).toHaveLength(1);
    const [received] = await receivedOn(path.name);
    expect(received).toMatchObject({ id: `msg_${deliveryId}`, verifiedBy: [true], status: 200 });
    expect(JSON.parse(received!.body)).toEqual({
      type: "job.completed",
      timestamp: expect.any(String),
      data: {
        jobId,
        status: "completed",
        metadata: {},
        summary: { highlightCount: 2, chapterCount: 3, reelDurationSeconds: 58.5 },
        links: { results: expect.stringMatching(new RegExp(`/v1/jobs/${jobId}/results$`)) },
      },
    });
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "succeeded", attemptCount: 1, lockedUntil: null });
  });

  it("retries until the receiver recovers, with the same webhook-id and growing delays", async () => {
    const { user, path, endpoint, deliveryId } = await endpointOnReceiver([500, 503, 502, 200]);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      const result = await runWebhookBatch([deliveryId], attempt);
      expect(result.retryMessages).toHaveLength(1);
      const delaySeconds = result.retryMessages[0]!.delaySeconds!;
      delays.push(delaySeconds);
      const row = await readDelivery(deliveryId);
      expect(row).toMatchObject({ status: "pending", attemptCount: attempt });
      const expectedNext = before + delaySeconds * 1000;
      expect(Math.abs(row.nextAttemptAt!.getTime() - expectedNext)).toBeLessThan(5_000);
      // The queue waits; an early copy of the message must not jump the backoff.
      expect((await runWebhookBatch([deliveryId], attempt)).retryMessages).toHaveLength(0);
      await makeDue(deliveryId);
    }
    expect(delays[0]).toBeGreaterThanOrEqual(45);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(delays[2]).toBeGreaterThan(delays[1]!);

    expect((await runWebhookBatch([deliveryId], 4)).explicitAcks).toHaveLength(1);
    const received = await receivedOn(path.name);
    expect(received.map((r) => r.status)).toEqual([500, 503, 502, 200]);
    expect(new Set(received.map((r) => r.id))).toEqual(new Set([`msg_${deliveryId}`]));
    expect(received.every((r) => r.verifiedBy[0])).toBe(true);

    const response = await SELF.fetch(`${apiBase}/v1/webhooks/${endpoint.id}/deliveries`, {
      headers: authHeaders(user.accessToken),
    });
    const [listed] = ((await response.json()) as { data: { status: string; attempts: object[] }[] }).data;
    expect(listed).toMatchObject({ status: "succeeded", attemptCount: 4, webhookId: `msg_${deliveryId}` });
    expect(listed!.attempts).toEqual([
      { attemptedAt: expect.any(String), statusCode: 500, latencyMs: expect.any(Number), error: "HTTP 500" },
      { attemptedAt: expect.any(String), statusCode: 503, latencyMs: expect.any(Number), error: "HTTP 503" },
      { attemptedAt: expect.any(String), statusCode: 502, latencyMs: expect.any(Number), error: "HTTP 502" },
      { attemptedAt: expect.any(String), statusCode: 200, latencyMs: expect.any(Number), error: null },
    ]);
    expect((await listEndpoints(user.accessToken))[0]).toMatchObject({ enabled: true, failingSince: null });
  });

  it("sends nothing for a duplicate queue message of a delivery that already succeeded", async () => {
    const { path, deliveryId } = await endpointOnReceiver();
    const [first, second] = await Promise.all([runWebhookBatch([deliveryId]), runWebhookBatch([deliveryId])]);
    expect([...first.explicitAcks, ...second.explicitAcks]).toHaveLength(2);
    expect((await runWebhookBatch([deliveryId], 2)).explicitAcks).toHaveLength(1);
    expect(await receivedOn(path.name)).toHaveLength(1);
  });

  it("disables the endpoint on 410 Gone and says why", async () => {
    const { user, path, deliveryId } = await endpointOnReceiver([410]);
    const result = await runWebhookBatch([deliveryId]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toHaveLength(0);
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "failed", attemptCount: 1 });
    const [endpoint] = await listEndpoints(user.accessToken);
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    const { deliveryIds } = await completedJobDeliveries(user.userId);
    expect(deliveryIds).toEqual([]);
    expect(await receivedOn(path.name)).toHaveLength(1);
  });

  it("treats a redirect as a failure and does not follow it", async () => {
    const { path, deliveryId } = await endpointOnReceiver();
    const target = receiverPath();
    await configureReceiver(path.name, { redirectTo: target.url });
    const result = await runWebhookBatch([deliveryId]);
    expect(result.retryMessages).toHaveLength(1);
    expect(await receivedOn(target.name)).toHaveLength(0);
    const [attempt] = await withTestDatabase((db) =>
      db.select().from(schema.webhookAttempts).where(eq(schema.webhookAttempts.deliveryId, deliveryId)),
    );
    expect(attempt).toMatchObject({ statusCode: 302, error: "redirect 302 not followed" });
  });

  it("disables an endpoint that has failed for more than five days", async () => {
    const { user, endpoint, deliveryId } = await endpointOnReceiver([500]);
    await withTestDatabase((db) =>
      db
        .update(schema.webhookEndpoints)
        .set({ failingSince: new Date(Date.now() - 6 * 86_400_000) })
        .where(eq(schema.webhookEndpoints.id, endpoint.id)),
    );
    expect((await runWebhookBatch([deliveryId])).retryMessages).toHaveLength(0);
    expect(await readDelivery(deliveryId)).toMatchObject({ status: "failed" });
    expect((await listEndpoints(user.accessToken))[0]).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining("5 days"),
    });
  });

  it("signs with both secrets for a day after a rotation, each verifying on its own", async () => {
    const { user, path, endpoint, deliveryId } = await endpointOnReceiver();
    const rotated = await postJson<{ secret: string; previousSecretExpiresAt: string }>(
      `/v1/webhooks/${endpoint.id}/rotate-secret`,
      {},
      200,
      user.accessToken,
    );
    expect(rotated.secret).not.toBe(endpoint.secret);
    const overlapHours = (Date.parse(rotated.previousSecretExpiresAt) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    const stranger = `whsec_${btoa("not the secret of this endpoint at all")}`;
    await configureReceiver(path.name, { secrets: [endpoint.secret, rotated.secret, stranger] });
    await runWebhookBatch([deliveryId]);
    const [received] = await receivedOn(path.name);
    expect(received!.signature!.split(" ")).toHaveLength(2);
    expect(received!.verifiedBy).toEqual([true, true, false]);
  });

  it("redelivers on request with the same webhook-id and a fresh schedule", async () => {
    const { user, path, deliveryId } = await endpointOnReceiver();
    await runWebhookBatch([deliveryId]);
    const queued = await postJson<{ status: string; attemptCount: number }>(
      `/v1/webhooks/deliveries/${deliveryId}/redeliver`,
      {},
      202,
      user.accessToken,
    );
    expect(queued).toMatchObject({ status: "pending", attemptCount: 0 });
    // The redelivery also went onto the real queue; whichever consumer claims it first sends it.
    await runWebhookBatch([deliveryId]);
    const received = await eventually(
      () => receivedOn(path.name),
      (all) => all.length >= 2,
    );
    expect(received).toHaveLength(2);
    expect(new Set(received.map((r) => r.id))).toEqual(new Set([`msg_${deliveryId}`]));
    const mallory = await registerUser();
    await postJson(`/v1/webhooks/deliveries/${deliveryId}/redeliver`, {}, 404, mallory.accessToken);
  });

  it("signs a per-job webhookUrl with the account secret, which rotates the same way", async () => {
    const user = await registerUser();
    const path = receiverPath();
    const secret = await createAccountSecret(user.accessToken);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { deliveryIds } = await completedJobDeliveries(user.userId, path.url);
    const rotated = await postJson<{ secret: string }>("/v1/webhooks/account-secret/rotate", {}, 200, user.accessToken);
    await configureReceiver(path.name, { secrets: [secret, rotated.secret] });
    await runWebhookBatch(deliveryIds);
    expect((await receivedOn(path.name))[0]).toMatchObject({ verifiedBy: [true, true], status: 200 });
  });

  it("abandons a per-job delivery, unsent, when the account has no secret to sign it with", async () => {
    const user = await registerUser();
    const path = receiverPath();
    const { deliveryIds } = await completedJobDeliveries(user.userId, path.url);
    await runWebhookBatch(deliveryIds);
    expect(await readDelivery(deliveryIds[0]!)).toMatchObject({ status: "abandoned", attemptCount: 0 });
    expect(await receivedOn(path.name)).toEqual([]);
  });
});
