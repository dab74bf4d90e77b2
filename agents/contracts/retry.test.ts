import { describe, expect, it } from "vitest";
import { withRetry } from "./retry.ts";

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
});
