import { and, eq, sql } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import { DISABLE_AFTER_FAILING_MS } from "./retry-schedule.ts";

/** How one attempt went, as far as the endpoint's health is concerned. */
export type EndpointVerdict = "succeeded" | "failed" | "gone" | "refused";

/**
 * Updates an endpoint after an attempt and says whether it is still enabled: success clears
 * `failingSince`; a failure starts it; 410 Gone, a URL that is no longer allowed, or failing
 * for more than five days disables it with a reason the owner sees in `GET /v1/webhooks`.
 *
 * @example
 * const stillEnabled = await recordEndpointHealth(db, endpointId, "gone", new Date());
 */
export async function recordEndpointHealth(
  db: Database,
  endpointId: string,
  verdict: EndpointVerdict,
  now: Date,
): Promise<boolean> {
  const endpoints = schema.webhookEndpoints;
  const byId = eq(endpoints.id, endpointId);
  if (verdict === "succeeded") {
    await db.update(endpoints).set({ failingSince: null }).where(byId);
    return true;
  }
  if (verdict === "gone" || verdict === "refused") {
    const reason =
      verdict === "gone"
        ? `The endpoint answered 410 Gone at ${now.toISOString()}.`
        : "The endpoint's URL is no longer allowed as a webhook destination.";
    await disable(db, endpointId, reason);
    return false;
  }
  const [endpoint] = await db
    .update(endpoints)
    .set({ failingSince: sql`coalesce(${endpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(byId)
    .returning({ failingSince: endpoints.failingSince });
  const failingSince = endpoint?.failingSince;
  if (!failingSince || now.getTime() - failingSince.getTime() < DISABLE_AFTER_FAILING_MS) return true;
  await disable(
    db,
    endpointId,
    `Every delivery has failed since ${failingSince.toISOString()}, for more than ${DISABLE_AFTER_FAILING_MS / 86_400_000} days.`,
  );
  return false;
}

async function disable(db: Database, endpointId: string, reason: string): Promise<void> {
  await db
    .update(schema.webhookEndpoints)
    .set({ enabled: false, disabledReason: reason })
    .where(and(eq(schema.webhookEndpoints.id, endpointId), eq(schema.webhookEndpoints.enabled, true)));
}
