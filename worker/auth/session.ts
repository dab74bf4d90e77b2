import type { Session } from "../../agents/contracts/session.ts";
import type { users } from "../../db/schema.ts";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./access-token.ts";

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
