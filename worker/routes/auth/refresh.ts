import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { rotateRefreshToken } from "../../auth/refresh-tokens.ts";
import { sessionBody } from "../../auth/session.ts";
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
    "Refresh tokens are single use. Presenting one that was already used revokes every token of its session family (`refresh_token_reused`).",
  request: jsonBody(refreshTokenSchema),
  responses: {
    200: jsonContent(sessionSchema, "A new access token and refresh token."),
    ...problemResponses(400, 401, 413),
  },
});

export const refresh = createRouter().openapi(route, async (c) => {
  const db = c.var.db();
  const { userId, refreshToken } = await rotateRefreshToken(db, c.req.valid("json").refreshToken);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new UnauthorizedError("The account no longer exists.");
  return c.json(await sessionBody(c.env, user, refreshToken), 200);
});
