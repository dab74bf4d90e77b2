import { DurableObject } from "cloudflare:workers";

export type RateLimitDecision = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * A sliding-window limiter: one object per (rule, key), e.g. "login-ip:203.0.113.7". It keeps
 * the times of the accepted requests of the last window; a Durable Object serialises calls,
 * so two concurrent requests cannot both take the last slot. Refused requests are not
 * recorded: hammering does not push the reopening further away, the window alone decides.
 * The limiter reads no binding, so it does not name `Env`: env.ts names this class, and an
 * import back would be a cycle.
 */
export class RateLimiter extends DurableObject {
  /**
   * Records one request if the window has room.
   *
   * @example
   * await stub.consume(10, 60_000); // { allowed: true, remaining: 9, retryAfterSeconds: 0 }
   */
  async consume(limit: number, windowMs: number): Promise<RateLimitDecision> {
    const now = Date.now();
    const recent = ((await this.ctx.storage.get<number[]>("hits")) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= limit) {
      const reopensAt = recent[recent.length - limit]! + windowMs;
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now) / 1000)) };
    }
    recent.push(now);
    await this.ctx.storage.put("hits", recent);
    // Every hit has expired by then; the alarm frees the storage of keys never seen again.
    await this.ctx.storage.setAlarm(now + windowMs);
    return { allowed: true, remaining: limit - recent.length, retryAfterSeconds: 0 };
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }
}
