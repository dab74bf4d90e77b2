import type { Env } from "../env.ts";
import { RateLimitedError } from "../errors/problem.ts";

/** How many requests one key may make per window. `name` separates the rules' counters. */
export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

/**
 * The limits of the auth routes; other route groups declare their own rules beside their routes.
 * Sign-in per (address, account) and per account is LoginThrottle's (login-attempts.ts); the
 * per-address limit here only bounds one address trying many accounts, with room for a campus
 * behind one address.
 */
export const authLimits = {
  loginPerAddress: { name: "login-ip", limit: 30, windowSeconds: 60 },
  registerPerAddress: { name: "register-ip", limit: 10, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

/**
 * Counts one request of `key` against `rule`; throws 429 `rate_limited` with `Retry-After`
 * when the window is full.
 *
 * @example
 * await enforceRateLimit(c.env, { name: "job-create", limit: 30, windowSeconds: 60 }, c.var.auth.userId);
 */
export async function enforceRateLimit(
  env: Pick<Env, "RATE_LIMITER">,
  rule: RateLimitRule,
  key: string,
): Promise<void> {
  const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`${rule.name}:${key}`));
  const decision = await limiter.consume(rule.limit, rule.windowSeconds * 1000);
  if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
}
