import { createRoute, z } from "@hono/zod-openapi";
import { desc, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { endpointView, toEndpointView } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Webhooks"],
  summary: "List your webhook endpoints",
  description: "A disabled endpoint says why in `disabledReason` (410 Gone, failing for days, URL no longer allowed).",
  security: bearerSecurity,
  responses: {
    200: jsonContent(z.object({ data: z.array(endpointView) }).openapi("WebhookEndpointList"), "Newest first."),
    ...problemResponses(401, 403),
  },
});

export const list = createRouter().openapi(route, async (c) => {
  const rows = await c.var
    .db()
    .select()
    .from(schema.webhookEndpoints)
    .where(eq(schema.webhookEndpoints.organizationId, c.var.auth.organizationId))
    .orderBy(desc(schema.webhookEndpoints.createdAt));
  return c.json({ data: rows.map(toEndpointView) }, 200);
});
