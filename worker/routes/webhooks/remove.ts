import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { NotFoundError } from "../../errors/problem.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { idParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Webhooks"],
  summary: "Delete a webhook endpoint",
  description: "Stops deliveries to it at once; its delivery history goes with it.",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 204: { description: "Deleted." }, ...problemResponses(400, 401, 403, 404) },
});

export const remove = createRouter().openapi(route, async (c) => {
  const deleted = await c.var
    .db()
    .delete(schema.webhookEndpoints)
    .where(
      and(
        eq(schema.webhookEndpoints.id, c.req.valid("param").id),
        eq(schema.webhookEndpoints.organizationId, c.var.auth.organizationId),
      ),
    )
    .returning({ id: schema.webhookEndpoints.id });
  if (deleted.length === 0) throw new NotFoundError("webhook endpoint");
  return c.body(null, 204);
});
