import { describe, expect, it } from "vitest";
import { planChunks } from "./chunk-plan.ts";

const limits = { maxBytes: 1_000_000, maxSeconds: 10_000, bytesPerSecond: 1_000 };

describe("planChunks", () => {
  it("keeps audio under the limit in one piece", () => {
    expect(planChunks(900, [], limits)).toEqual([{ start: 0, end: 900 }]);
  });

  it("cuts in the middle of the latest long pause before the limit", () => {
    const silences = [
      { start: 600, end: 600.2 },
      { start: 900, end: 901 },
      { start: 960, end: 960.1 },
    ];
    const chunks = planChunks(2_500, silences, limits);
    expect(chunks[0]).toEqual({ start: 0, end: 900.5 });
    expect(chunks.at(-1)?.end).toBe(2_500);
    for (const [i, chunk] of chunks.entries()) {
      expect(chunk.end - chunk.start).toBeLessThanOrEqual(970);
      if (i > 0) expect(chunk.start).toBe(chunks[i - 1]?.end);
    }
  });

  it("cuts at the limit when there is no pause to cut in", () => {
    const chunks = planChunks(2_000, [], limits);
    expect(chunks.map((c) => c.end)).toEqual([970, 1940, 2000]);
  });

  it("respects a model's length cap as well as the byte limit", () => {
    expect(planChunks(100, [], { ...limits, maxSeconds: 40 })).toHaveLength(3);
  });

  it("returns one empty piece for empty audio", () => {
    expect(planChunks(0, [], limits)).toEqual([{ start: 0, end: 0 }]);
  });
});
