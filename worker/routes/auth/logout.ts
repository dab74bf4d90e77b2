import { createRoute } from "@hono/zod-openapi";
import { clearRefreshCookie, refreshTokenFromCookie } from "../../auth/refresh-cookie.ts";
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
    "Revokes the refresh token (from the body, or else the `lh_refresh` cookie, which is then cleared) and its family. " +
    "Idempotent: unknown tokens also answer 204. Access tokens already issued expire on their own within 15 minutes.",
  request: jsonBody(refreshTokenSchema),
  responses: { 204: { description: "Logged out." }, ...problemResponses(400, 403, 413) },
});

export const logout = createRouter().openapi(route, async (c) => {
  const fromBody = c.req.valid("json").refreshToken;
  const presented = fromBody ?? refreshTokenFromCookie(c);
  if (presented) await revokeRefreshToken(c.var.db(), presented);
  if (!fromBody) clearRefreshCookie(c);
  return c.body(null, 204);
});
