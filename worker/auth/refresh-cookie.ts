import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { CookieOptions } from "hono/utils/cookie";
import type { AppEnv } from "../env.ts";
import { ForbiddenError } from "../errors/problem.ts";
import { REFRESH_TOKEN_TTL_SECONDS } from "./refresh-tokens.ts";

/** Where the browser keeps its refresh token: sent only to the auth routes, unreadable by script. */
export const refreshCookie = { name: "lh_refresh", path: "/v1/auth" } as const;

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

function cookieOptions(c: Context<AppEnv>): CookieOptions {
  const url = new URL(c.req.url);
  return {
    path: refreshCookie.path,
    httpOnly: true,
    sameSite: "Strict",
    // Browsers drop Secure cookies set over plain http: the local stack on a loopback address is the one exception.
    secure: !(url.protocol === "http:" && loopbackHosts.has(url.hostname)),
  };
}

/**
 * Refuses (403 `origin_mismatch`) a cookie-authenticated request that did not come from a page
 * of our own origin. SameSite=Strict already keeps the cookie off cross-site requests; this
 * check is the second lock, and browsers send `Origin` on every POST.
 *
 * @example
 * requireSameOrigin(c); // before reading or setting the refresh cookie
 */
export function requireSameOrigin(c: Context<AppEnv>): void {
  const origin = c.req.header("origin");
  if (origin !== new URL(c.req.url).origin) {
    throw new ForbiddenError(
      "Sessions kept in a cookie can only be used from the web app's own pages.",
      "origin_mismatch",
    );
  }
}

/**
 * The refresh token the browser sent in its cookie, after the origin check; undefined without one.
 *
 * @example
 * const presented = body.refreshToken ?? refreshTokenFromCookie(c);
 */
export function refreshTokenFromCookie(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, refreshCookie.name);
  if (token === undefined) return undefined;
  requireSameOrigin(c);
  return token;
}

/**
 * Hands the browser its (new) refresh token as the cookie, for the token's lifetime.
 *
 * @example
 * setRefreshCookie(c, await issueRefreshToken(db, user.id));
 */
export function setRefreshCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, refreshCookie.name, token, { ...cookieOptions(c), maxAge: REFRESH_TOKEN_TTL_SECONDS });
}

/** Makes the browser forget the cookie (logout, or a refresh token that no longer works). */
export function clearRefreshCookie(c: Context<AppEnv>): void {
  deleteCookie(c, refreshCookie.name, cookieOptions(c));
}
