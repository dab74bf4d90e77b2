import { describe, expect, it } from "vitest";
import {
  attempt,
  forgetsAt,
  type LoginAttempts,
  loginDelayMs,
  loginPolicy,
  noAttempts,
  pruned,
  succeeded,
} from "./login-attempts.ts";

const start = Date.UTC(2026, 11, 3, 9, 0, 0);

/** Fails from `address` as soon as it may, `count` times; returns each wait that followed, in seconds. */
function failPatiently(state: LoginAttempts, address: string, count: number, now = start) {
  const waits: number[] = [];
  let clock = now;
  let current = state;
  for (let i = 0; i < count; i++) {
    const result = attempt(current, address, clock);
    if (!result.verdict.allowed) throw new Error(`refused at failure ${i + 1}`);
    current = result.state;
    const refused = attempt(current, address, clock).verdict;
    const wait = refused.allowed ? 0 : refused.retryAfterSeconds;
    waits.push(wait);
    clock += wait * 1000;
  }
  return { waits, state: current, clock };
}

describe("login attempts", () => {
  it("lets three failures go free, then doubles the wait up to 15 minutes", () => {
    expect(failPatiently(noAttempts(), "a", 16).waits).toEqual([
      0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900,
    ]);
    expect(loginDelayMs(1000)).toBe(loginPolicy.maxDelayMs);
  });

  it("refuses during the wait, even a right password, and says how long is left", () => {
    const { state, clock } = failPatiently(noAttempts(), "a", 4);
    const fifth = attempt(state, "a", clock);
    expect(fifth.verdict.allowed).toBe(true);
    expect(attempt(fifth.state, "a", clock).verdict).toEqual({ allowed: false, retryAfterSeconds: 4 });
    expect(attempt(fifth.state, "a", clock + 3_500).verdict).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(attempt(fifth.state, "a", clock + 4_000).verdict.allowed).toBe(true);
  });

  it("never slows another address for one address's failures", () => {
    const { state, clock } = failPatiently(noAttempts(), "stranger", 12);
    const duringTheWait = clock - 1_000;
    expect(attempt(state, "stranger", duringTheWait).verdict.allowed).toBe(false);
    expect(attempt(state, "owner", duringTheWait).verdict).toEqual({ allowed: true, at: duringTheWait });
  });

  it("counts an attempt when it starts, so guesses in parallel wait like guesses in a row", () => {
    let state = noAttempts();
    const verdicts = [];
    for (let i = 0; i < 6; i++) {
      const result = attempt(state, "a", start);
      verdicts.push(result.verdict.allowed);
      state = result.state;
    }
    expect(verdicts).toEqual([true, true, true, true, false, false]);
  });

  it("refunds a right password: the run ends, the account's count drops, the address becomes trusted", () => {
    const { state, clock } = failPatiently(noAttempts(), "home", 3);
    const tried = attempt(state, "home", clock);
    if (!tried.verdict.allowed) throw new Error("refused");
    const after = succeeded(tried.state, "home", tried.verdict.at, clock);
    expect(after.addresses).toEqual({});
    expect(after.accountFailures).toHaveLength(3);
    expect(after.trusted).toEqual({ home: clock });
  });

  it("caps an account's failures from unknown addresses, not from the addresses it signed in from", () => {
    let state = succeeded(noAttempts(), "home", start, start);
    for (let i = 0; i < loginPolicy.accountFailureLimit; i++) state = attempt(state, `bot-${i}`, start + i).state;
    const newcomer = attempt(state, "new", start + 100).verdict;
    expect(newcomer).toEqual({ allowed: false, retryAfterSeconds: 3600 });
    expect(attempt(state, "home", start + 100).verdict.allowed).toBe(true);
    // An hour after the first failure, one slot reopens.
    expect(attempt(state, "new", start + loginPolicy.accountWindowMs).verdict.allowed).toBe(true);
  });

  it("stays bounded and forgets: old runs, failures and trusted addresses are dropped", () => {
    const many = Array.from({ length: loginPolicy.maxAddresses + 50 }, (_, i) => [
      `bot-${i}`,
      { failures: 1, blockedUntil: start + i },
    ]);
    const crowded: LoginAttempts = { ...noAttempts(), addresses: Object.fromEntries(many) };
    const kept = Object.keys(pruned(crowded, start).addresses);
    expect(kept).toHaveLength(loginPolicy.maxAddresses);
    expect(kept).toContain(`bot-${loginPolicy.maxAddresses + 49}`);
    const state = succeeded(attempt(noAttempts(), "home", start).state, "home", start, start);
    expect(forgetsAt(state)).toBe(start + loginPolicy.trustedForMs);
    expect(pruned(state, start + loginPolicy.trustedForMs)).toEqual(noAttempts());
    expect(forgetsAt(noAttempts())).toBeNull();
  });
});
