import { createRoute } from "@hono/zod-openapi";
import { createApiKey } from "../../auth/api-keys.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createApiKeySchema, createdApiKeySchema, publicApiKey } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["API keys"],
  summary: "Create an API key",
  description:
    "Needs a user's access token. The key is in this response only; store it now. " +
    "An account holds at most 50 live keys (409 `too_many_api_keys`).",
  security: bearerSecurity,
  request: jsonBody(createApiKeySchema),
  responses: {
    201: jsonContent(createdApiKeySchema, "The new key, shown once."),
    ...problemResponses(400, 401, 403, 409, 413),
  },
});

export const create = createRouter().openapi(route, async (c) => {
  const { name, scopes } = c.req.valid("json");
  const { key, row } = await createApiKey(c.var.db(), c.var.auth, name, scopes);
  return c.json({ ...publicApiKey(row), key }, 201);
});
