import { createRoute } from "@hono/zod-openapi";
import { and, asc, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { NotFoundError, ProblemError } from "../../errors/problem.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { queueDeliveries } from "../../webhooks/queue-deliveries.ts";
import { deliveryView, idParams, toDeliveryView } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/deliveries/{id}/redeliver",
  tags: ["Webhooks"],
  summary: "Send a delivery again",
  description:
    "Queues the same event again with the same `webhook-id` (receivers that dedupe on it will ignore a copy they " +
    "already processed) and a fresh retry schedule. A disabled endpoint answers 409 `endpoint_disabled`.",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 202: jsonContent(deliveryView, "Queued."), ...problemResponses(400, 401, 403, 404, 409) },
});

export const redeliver = createRouter().openapi(route, async (c) => {
  const db = c.var.db();
  const d = schema.webhookDeliveries;
  const [delivery] = await db
    .select()
    .from(d)
    .where(and(eq(d.id, c.req.valid("param").id), eq(d.organizationId, c.var.auth.organizationId)));
  if (!delivery) throw new NotFoundError("webhook delivery");
  if (delivery.endpointId) {
    const [endpoint] = await db
      .select({ enabled: schema.webhookEndpoints.enabled })
      .from(schema.webhookEndpoints)
      .where(eq(schema.webhookEndpoints.id, delivery.endpointId));
    if (!endpoint?.enabled)
      throw new ProblemError(409, "endpoint_disabled", "The endpoint is disabled; see its disabledReason.");
  }
  const [queued] = await db
    .update(d)
    .set({ status: "pending", attemptCount: 0, nextAttemptAt: new Date(), lockedUntil: null })
    .where(eq(d.id, delivery.id))
    .returning();
  await queueDeliveries(c.env, [delivery.id]);
  const attempts = await db
    .select()
    .from(schema.webhookAttempts)
    .where(eq(schema.webhookAttempts.deliveryId, delivery.id))
    .orderBy(asc(schema.webhookAttempts.id));
  return c.json(toDeliveryView(queued!, attempts), 202);
});
