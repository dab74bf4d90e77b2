import { and, eq, isNull, lte, or } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { storedAccountSecrets } from "./account-secret.ts";
import { type EndpointVerdict, recordEndpointHealth } from "./endpoint-health.ts";
import { type AttemptResult, DELIVERY_TIMEOUT_MS, postWebhook } from "./post-webhook.ts";
import { MAX_DELIVERY_ATTEMPTS, webhookRetryDelaySeconds } from "./retry-schedule.ts";
import { signatureHeader } from "./signature.ts";
import { accountSecretContext, activeSecrets, endpointSecretContext, type StoredSecrets } from "./signing-secrets.ts";
import { checkWebhookUrl } from "./url-safety.ts";

export type DeliveryOutcome =
  | { action: "ack"; reason: string }
  | { action: "retry"; delaySeconds: number; reason: string };
type DeliveryRow = typeof schema.webhookDeliveries.$inferSelect;

/** A message may arrive this much before the row's next attempt and still be the one to send it. */
const EARLY_TOLERANCE_MS = 5_000;

/** The `webhook-id` header: the delivery's id, the same on every retry of one event. */
export const webhookId = (deliveryId: string) => `msg_${deliveryId}`;

/**
 * Takes a pending, due delivery that no other consumer holds, for long enough to send it.
 * Duplicate queue messages, early copies and deliveries already finished find nothing to take.
 */
async function claimDelivery(db: Database, deliveryId: string, now: Date): Promise<DeliveryRow | undefined> {
  const d = schema.webhookDeliveries;
  const [claimed] = await db
    .update(d)
    .set({ lockedUntil: new Date(now.getTime() + DELIVERY_TIMEOUT_MS * 4) })
    .where(
      and(
        eq(d.id, deliveryId),
        eq(d.status, "pending"),
        or(isNull(d.lockedUntil), lte(d.lockedUntil, now)),
        or(isNull(d.nextAttemptAt), lte(d.nextAttemptAt, new Date(now.getTime() + EARLY_TOLERANCE_MS))),
      ),
    )
    .returning();
  return claimed;
}

/**
 * The secrets that sign this delivery, or null when its endpoint is disabled or (for a job's own
 * `webhookUrl`) the account has no secret: jobs with a `webhookUrl` need one to be accepted, so
 * only jobs started before that rule can meet this.
 */
async function signingSecrets(env: Env, db: Database, delivery: DeliveryRow): Promise<string[] | null> {
  if (!delivery.endpointId) {
    const stored = await storedAccountSecrets(db, delivery.organizationId);
    return stored && activeSecrets(env.ENCRYPTION_KEY, stored, accountSecretContext(delivery.organizationId));
  }
  const [endpoint] = await db
    .select()
    .from(schema.webhookEndpoints)
    .where(eq(schema.webhookEndpoints.id, delivery.endpointId));
  if (!endpoint?.enabled) return null;
  const stored: StoredSecrets = {
    current: endpoint.secretEncrypted,
    previous: endpoint.previousSecretEncrypted,
    previousExpiresAt: endpoint.previousSecretExpiresAt,
  };
  return activeSecrets(env.ENCRYPTION_KEY, stored, endpointSecretContext(endpoint.id));
}

async function send(
  env: Env,
  delivery: DeliveryRow,
  secrets: string[],
): Promise<AttemptResult & { verdict: EndpointVerdict }> {
  const allowed = checkWebhookUrl(delivery.url, { allowInsecure: env.ALLOW_INSECURE_WEBHOOKS === "true" });
  if (!allowed.ok)
    return { statusCode: null, latencyMs: 0, error: `URL refused: ${allowed.reason}`, verdict: "refused" };
  const id = webhookId(delivery.id);
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify(delivery.payload);
  const result = await postWebhook(allowed.url.toString(), body, {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": await signatureHeader(id, timestamp, body, secrets),
  });
  const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
  return { ...result, verdict: ok ? "succeeded" : result.statusCode === 410 ? "gone" : "failed" };
}

/**
 * Makes one attempt at a delivery and says what the queue should do with its message: ack
 * (sent, given up, or nothing to do) or retry after a backoff delay. Every attempt is logged in
 * `webhook_attempts`; the row tracks the attempt count and when the next one is due.
 *
 * @example
 * const outcome = await sendDelivery(env, db, message.body.deliveryId);
 * outcome.action === "retry" ? message.retry({ delaySeconds: outcome.delaySeconds }) : message.ack();
 */
export async function sendDelivery(
  env: Env,
  db: Database,
  deliveryId: string,
  now = new Date(),
): Promise<DeliveryOutcome> {
  const delivery = await claimDelivery(db, deliveryId, now);
  if (!delivery) return { action: "ack", reason: "finished, not yet due, or taken by another consumer" };
  const d = schema.webhookDeliveries;
  const finish = (patch: Partial<DeliveryRow>) =>
    db
      .update(d)
      .set({ lockedUntil: null, ...patch })
      .where(eq(d.id, delivery.id));
  const secrets = await signingSecrets(env, db, delivery);
  if (!secrets) {
    await finish({ status: "abandoned", nextAttemptAt: null });
    return { action: "ack", reason: "endpoint disabled or no account secret" };
  }
  const result = await send(env, delivery, secrets);
  await db.insert(schema.webhookAttempts).values({
    deliveryId: delivery.id,
    statusCode: result.statusCode,
    latencyMs: result.latencyMs,
    error: result.error,
  });
  const attemptCount = delivery.attemptCount + 1;
  const finishedAt = new Date();
  const endpointEnabled = delivery.endpointId
    ? await recordEndpointHealth(db, delivery.endpointId, result.verdict, finishedAt)
    : result.verdict !== "gone" && result.verdict !== "refused";
  if (result.verdict === "succeeded") {
    await finish({ status: "succeeded", attemptCount, nextAttemptAt: null });
    return { action: "ack", reason: "delivered" };
  }
  if (!endpointEnabled || attemptCount >= MAX_DELIVERY_ATTEMPTS) {
    await finish({ status: "failed", attemptCount, nextAttemptAt: null });
    return { action: "ack", reason: `given up: ${result.error}` };
  }
  const delaySeconds = webhookRetryDelaySeconds(attemptCount);
  await finish({ attemptCount, nextAttemptAt: new Date(finishedAt.getTime() + delaySeconds * 1000) });
  return { action: "retry", delaySeconds, reason: result.error ?? "failed" };
}
