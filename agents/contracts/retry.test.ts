import { describe, expect, it } from "vitest";
import { backoffCeiling, retryAfterMs, withRetry } from "./retry.ts";

const failure = (status: number) => Object.assign(new Error(`status ${status}`), { status });
const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 };

describe("withRetry", () => {
  it("waits with capped exponential backoff and jitter between attempts", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw failure(503);
        return "ok";
      },
      () => true,
      policy,
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(result).toBe("ok");
    expect(waits).toEqual([50, 100, 150]);
  });

  it("stops at once on an error that is not retryable", async () => {
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        throw failure(400);
      },
      () => false,
      policy,
    );
    await expect(run).rejects.toThrow("status 400");
    expect(calls).toBe(1);
  });

  it("rethrows the last error when attempts run out", async () => {
    const run = withRetry(
      async (attempt) => {
        throw failure(500 + attempt);
      },
      () => true,
      policy,
      { sleep: async () => {} },
    );
    await expect(run).rejects.toThrow("status 504");
  });

  it("waits as long as the server's retry-after asks when that is longer than the backoff", async () => {
    const waits: number[] = [];
    const busy = Object.assign(failure(429), { headers: new Headers({ "retry-after": "2" }) });
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw busy;
        return "ok";
      },
      () => true,
      policy,
      { sleep: async (ms) => void waits.push(ms), random: () => 0.5 },
    );
    expect(waits).toEqual([2000]);
  });

  it("stops retrying once the signal aborts, even in the middle of a wait", async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        setTimeout(() => controller.abort(new Error("cancelled")), 0);
        throw failure(503);
      },
      () => true,
      { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
      { signal: controller.signal, random: () => 1 },
    );
    await expect(run).rejects.toThrow("cancelled");
    expect(calls).toBe(1);
  });

  it("does not start when the signal has already aborted", async () => {
    let calls = 0;
    const run = withRetry(
      async () => calls++,
      () => true,
      policy,
      { signal: AbortSignal.abort(new Error("gone")) },
    );
    await expect(run).rejects.toThrow("gone");
    expect(calls).toBe(0);
  });
});

describe("backoffCeiling and retryAfterMs", () => {
  it("doubles from the base up to the cap", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffCeiling(attempt, 5, 30))).toEqual([5, 10, 20, 30, 30]);
  });

  it("reads retry-after seconds from an error's headers, capped at a minute", () => {
    expect(retryAfterMs({ headers: new Headers({ "retry-after": "2" }) })).toBe(2000);
    expect(retryAfterMs({ headers: new Headers({ "retry-after": "3600" }) })).toBe(60_000);
    expect(retryAfterMs({ headers: new Headers({ "retry-after": "soon" }) })).toBeUndefined();
    expect(retryAfterMs(new Error("no headers"))).toBeUndefined();
  });
});
