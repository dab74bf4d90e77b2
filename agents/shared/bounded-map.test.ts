import { describe, expect, it } from "vitest";
import { mapBounded } from "./bounded-map.ts";

/** Work that waits for a turn of the event loop and records how many calls overlap. */
function overlapCounter() {
  let inFlight = 0;
  const seen = { max: 0 };
  const work = async (value: number) => {
    inFlight++;
    seen.max = Math.max(seen.max, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight--;
    return value * 2;
  };
  return { work, seen };
}

describe("mapBounded", () => {
  it("keeps the order and never runs more than the limit at once", async () => {
    const { work, seen } = overlapCounter();
    expect(await mapBounded([1, 2, 3, 4, 5], 2, work)).toEqual([2, 4, 6, 8, 10]);
    expect(seen.max).toBe(2);
  });

  it("runs one at a time with a limit of 1 and copes with no items", async () => {
    const { work, seen } = overlapCounter();
    await mapBounded([1, 2, 3], 1, work);
    expect(seen.max).toBe(1);
    expect(await mapBounded([], 4, work)).toEqual([]);
  });

  it("aborts the other calls on the first failure and throws it", async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const run = mapBounded([0, 1, 2, 3], 2, async (value, _i, signal) => {
      started.push(value);
      if (value === 0) throw new Error("piece 0 failed");
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      aborted.push(value);
    });
    await expect(run).rejects.toThrow("piece 0 failed");
    expect(started).toEqual([0, 1]);
    expect(aborted).toEqual([1]);
  });

  it("stops taking items when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = mapBounded(
      [0, 1, 2],
      1,
      async (value) => {
        started.push(value);
        controller.abort(new Error("cancelled"));
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow("cancelled");
    expect(started).toEqual([0]);
  });
});
