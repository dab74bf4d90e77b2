import type { Context } from "hono";
import type { BrowserSession, Session, TokenDelivery } from "../../agents/contracts/session.ts";
import type { users } from "../../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./access-token.ts";
import { setRefreshCookie } from "./refresh-cookie.ts";

type User = Pick<typeof users.$inferSelect, "id" | "email" | "createdAt">;

/** The public view of an account. */
export function publicUser(user: User) {
  return { id: user.id, email: user.email, createdAt: user.createdAt.toISOString() };
}

/**
 * The body of register, login and refresh: the account, a fresh access token and the refresh
 * token the caller just issued.
 *
 * @example
 * return c.json(await sessionBody(c.env, user, await issueRefreshToken(db, user.id)), 201);
 */
export async function sessionBody(env: { JWT_SECRET: string }, user: User, refreshToken: string): Promise<Session> {
  return {
    user: publicUser(user),
    accessToken: await issueAccessToken(env, user.id),
    refreshToken,
    tokenType: "Bearer",
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  };
}

/**
 * The session body, with the refresh token where the client asked for it: in the body, or in the
 * HttpOnly cookie (and then not in the body, so no script ever sees it).
 *
 * @example
 * return c.json(await deliverSession(c, user, await issueRefreshToken(db, user.id), "cookie"), 200);
 */
export async function deliverSession(
  c: Context<AppEnv>,
  user: User,
  refreshToken: string,
  delivery: TokenDelivery,
): Promise<Session | BrowserSession> {
  const session = await sessionBody(c.env, user, refreshToken);
  if (delivery === "body") return session;
  setRefreshCookie(c, refreshToken);
  const { refreshToken: _inTheCookie, ...browserSession } = session;
  return browserSession;
}
