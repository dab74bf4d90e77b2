import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import { apiKeys } from "../../../db/schema.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { apiKeySchema, publicApiKey } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["API keys"],
  summary: "List your live API keys",
  security: bearerSecurity,
  responses: {
    200: jsonContent(z.object({ data: z.array(apiKeySchema) }).openapi("ApiKeyList"), "Newest first."),
    ...problemResponses(401, 403),
  },
});

export const list = createRouter().openapi(route, async (c) => {
  const rows = await c.var
    .db()
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, c.var.auth.organizationId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt));
  return c.json({ data: rows.map(publicApiKey) }, 200);
});
