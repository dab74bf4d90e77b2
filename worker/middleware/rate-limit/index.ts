import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";
import { enforceRateLimit, type RateLimitRule } from "../../limits/rules.ts";

/**
 * The caller's address as Cloudflare saw it. Cloudflare sets `CF-Connecting-IP` itself, so in
 * production a client cannot choose it; locally and in tests it is whatever the client sends.
 */
export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

/** Keys a limit by the authenticated user; use after `authenticate()`. */
export function byUser(c: Context<AppEnv>): string {
  return c.var.auth.userId;
}

/**
 * Limits requests per key (address by default) with a Durable Object sliding window; the
 * request past the limit gets 429 problem+json with `Retry-After`.
 *
 * @example
 * jobs.post("/", authenticate(), rateLimit({ name: "job-create", limit: 30, windowSeconds: 60 }, byUser), createJob);
 */
export function rateLimit(rule: RateLimitRule, keyOf: (c: Context<AppEnv>) => string = clientAddress) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await enforceRateLimit(c.env, rule, keyOf(c));
    await next();
  });
}
