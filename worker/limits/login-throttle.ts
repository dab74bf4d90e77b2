import { DurableObject } from "cloudflare:workers";
import { attempt, forgetsAt, type LoginAttempts, type LoginVerdict, noAttempts, succeeded } from "./login-attempts.ts";

/**
 * The sign-in attempts of one account (worker/limits/login-attempts.ts has the rules), named by
 * the account's email. A Durable Object serialises calls, so parallel guesses from one address
 * each see the failures counted before them. Like RateLimiter it names no binding, so env.ts can
 * name this class without an import cycle.
 */
export class LoginThrottle extends DurableObject {
  /**
   * Decides an attempt from `address`; an allowed one counts as a failure until `succeeded`.
   *
   * @example
   * const verdict = await stub.attempt("203.0.113.7"); // { allowed: true, at: 1764750000000 }
   */
  async attempt(address: string): Promise<LoginVerdict> {
    const { verdict, state } = attempt(await this.load(), address, Date.now());
    await this.save(state);
    return verdict;
  }

  /**
   * The attempt that started `at` had the right password.
   *
   * @example
   * await stub.succeeded("203.0.113.7", verdict.at);
   */
  async succeeded(address: string, at: number): Promise<void> {
    await this.save(succeeded(await this.load(), address, at, Date.now()));
  }

  override async alarm(): Promise<void> {
    const state = await this.load();
    const forgetAt = forgetsAt(state);
    if (forgetAt === null || forgetAt <= Date.now()) await this.ctx.storage.deleteAll();
    else await this.ctx.storage.setAlarm(forgetAt);
  }

  private async load(): Promise<LoginAttempts> {
    return (await this.ctx.storage.get<LoginAttempts>("attempts")) ?? noAttempts();
  }

  private async save(state: LoginAttempts): Promise<void> {
    await this.ctx.storage.put("attempts", state);
    // Frees the storage of an account nobody tries any more.
    const forgetAt = forgetsAt(state);
    if (forgetAt !== null) await this.ctx.storage.setAlarm(forgetAt);
  }
}
