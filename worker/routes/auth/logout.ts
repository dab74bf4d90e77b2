import { createRoute } from "@hono/zod-openapi";
import { revokeRefreshToken } from "../../auth/refresh-tokens.ts";
import { jsonBody, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { refreshTokenSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/logout",
  tags: ["Auth"],
  security: publicSecurity,
  summary: "End a session",
  description:
    "Revokes the refresh token and its family. Idempotent: unknown tokens also answer 204. Access tokens already issued expire on their own within 15 minutes.",
  request: jsonBody(refreshTokenSchema),
  responses: { 204: { description: "Logged out." }, ...problemResponses(400, 413) },
});

export const logout = createRouter().openapi(route, async (c) => {
  await revokeRefreshToken(c.var.db(), c.req.valid("json").refreshToken);
  return c.body(null, 204);
});
