import { createRoute, z } from "@hono/zod-openapi";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findOwnedEndpoint } from "./owned-endpoint.ts";
import { deliveryView, idParams, toDeliveryView } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}/deliveries",
  tags: ["Webhooks"],
  summary: "List an endpoint's deliveries and their attempts",
  description: "Newest first; each attempt with its time, status code, latency and error.",
  security: bearerSecurity,
  request: { params: idParams, query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  responses: {
    200: jsonContent(z.object({ data: z.array(deliveryView) }).openapi("WebhookDeliveryList"), "Newest first."),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const deliveries = createRouter().openapi(route, async (c) => {
  const db = c.var.db();
  const endpoint = await findOwnedEndpoint(db, c.var.auth, c.req.valid("param").id);
  const rows = await db
    .select()
    .from(schema.webhookDeliveries)
    .where(eq(schema.webhookDeliveries.endpointId, endpoint.id))
    .orderBy(desc(schema.webhookDeliveries.createdAt))
    .limit(c.req.valid("query").limit);
  const attempts =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(schema.webhookAttempts)
          .where(
            inArray(
              schema.webhookAttempts.deliveryId,
              rows.map((row) => row.id),
            ),
          )
          .orderBy(asc(schema.webhookAttempts.id));
  const data = rows.map((row) =>
    toDeliveryView(
      row,
      attempts.filter((attempt) => attempt.deliveryId === row.id),
    ),
  );
  return c.json({ data }, 200);
});
