import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { clearRefreshCookie, refreshTokenFromCookie } from "../../auth/refresh-cookie.ts";
import { rotateRefreshToken } from "../../auth/refresh-tokens.ts";
import { deliverSession } from "../../auth/session.ts";
import { UnauthorizedError } from "../../errors/problem.ts";
import { jsonBody, jsonContent, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { refreshTokenSchema, sessionSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/refresh",
  tags: ["Auth"],
  security: publicSecurity,
  summary: "Exchange a refresh token for a new session",
  description:
    "Refresh tokens are single use. Presenting one that was already used revokes every token of its session family " +
    "(`refresh_token_reused`). A token from the `lh_refresh` cookie (body `{}`) is answered with the new one in the " +
    "cookie; a cookie that no longer works is cleared.",
  request: jsonBody(refreshTokenSchema),
  responses: {
    200: jsonContent(sessionSchema, "A new access token and refresh token."),
    ...problemResponses(400, 401, 403, 413),
  },
});

export const refresh = createRouter().openapi(route, async (c) => {
  const fromBody = c.req.valid("json").refreshToken;
  const presented = fromBody ?? refreshTokenFromCookie(c);
  if (!presented) throw new UnauthorizedError("No refresh token: sign in again.", "invalid_refresh_token");
  const delivery = fromBody ? "body" : "cookie";
  const db = c.var.db();
  try {
    const { userId, refreshToken } = await rotateRefreshToken(db, presented);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new UnauthorizedError("The account no longer exists.");
    return c.json(await deliverSession(c, user, refreshToken, delivery), 200);
  } catch (failure) {
    if (delivery === "cookie" && failure instanceof UnauthorizedError) clearRefreshCookie(c);
    throw failure;
  }
});
