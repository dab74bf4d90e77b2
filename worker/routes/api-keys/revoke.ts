import { createRoute } from "@hono/zod-openapi";
import { and, eq, isNull, sql } from "drizzle-orm";
import { apiKeys } from "../../../db/schema.ts";
import { NotFoundError } from "../../errors/problem.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { apiKeyIdParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["API keys"],
  summary: "Revoke an API key",
  description: "The key stops working at once. Another account's key id answers 404.",
  security: bearerSecurity,
  request: { params: apiKeyIdParams },
  responses: { 204: { description: "Revoked." }, ...problemResponses(400, 401, 403, 404) },
});

export const revoke = createRouter().openapi(route, async (c) => {
  const revoked = await c.var
    .db()
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, c.req.valid("param").id),
        eq(apiKeys.organizationId, c.var.auth.organizationId),
        isNull(apiKeys.revokedAt),
      ),
    )
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) throw new NotFoundError("API key");
  return c.body(null, 204);
});
