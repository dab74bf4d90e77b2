import { Jwt } from "hono/utils/jwt";
import { z } from "zod";
import { UnauthorizedError } from "../errors/problem.ts";

/** Access tokens live 15 minutes; a refresh token gets a new one. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

const algorithm = "HS256";
const issuer = "lecture-highlights";
const audience = "lecture-highlights-api";
const minimumSecretLength = 32;

type TokenSecret = { JWT_SECRET: string };

function secretOf(env: TokenSecret): string {
  // A short secret makes HS256 brute-forceable offline from any token: fail loudly instead.
  if (!env.JWT_SECRET || env.JWT_SECRET.length < minimumSecretLength) {
    throw new Error(`JWT_SECRET must be at least ${minimumSecretLength} characters`);
  }
  return env.JWT_SECRET;
}

/**
 * Signs a short-lived access token for a user.
 *
 * @example
 * const token = await issueAccessToken(c.env, user.id);
 */
export async function issueAccessToken(env: TokenSecret, userId: string, now = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  const claims = { sub: userId, iss: issuer, aud: audience, iat: issuedAt, exp: issuedAt + ACCESS_TOKEN_TTL_SECONDS };
  return Jwt.sign(claims, secretOf(env), algorithm);
}

/**
 * Verifies an access token and returns its user id. The algorithm is pinned (no `none`, no
 * RS/HS confusion), and issuer, audience and expiry are required. Any failure is a 401; an
 * expired token says so (`token_expired`) so clients know to refresh.
 *
 * @example
 * const userId = await verifyAccessToken(c.env, bearer);
 */
export async function verifyAccessToken(env: TokenSecret, token: string): Promise<string> {
  let payload: Record<string, unknown>;
  try {
    payload = await Jwt.verify(token, secretOf(env), { alg: algorithm, iss: issuer, aud: audience });
  } catch (error) {
    if ((error as Error).name === "JwtTokenExpired")
      throw new UnauthorizedError("The access token has expired.", "token_expired");
    throw new UnauthorizedError("The access token is not valid.");
  }
  // verify() checks `exp` only when present; a token without one would never expire. A `sub`
  // that is not a user id could only come from a leaked secret, but must still be a 401.
  const userId = userIdSchema.safeParse(payload.sub);
  if (typeof payload.exp !== "number" || !userId.success) {
    throw new UnauthorizedError("The access token is not valid.");
  }
  return userId.data;
}

const userIdSchema = z.uuid();

export const accessTokenClaims = { algorithm, issuer, audience } as const;
