import { describe, expect, it } from "vitest";
import { leaveOneOut } from "./leave-one-out.ts";
import { boundaryF1, coverage, cutsInside, pk, windowDiff, wordErrorRate } from "./metrics.ts";

describe("evaluation metrics", () => {
  it("score a perfect segmentation as 0 error and F1 1", () => {
    expect(pk([30, 60], [30, 60], 90)).toBe(0);
    expect(windowDiff([30, 60], [30, 60], 90)).toBe(0);
    expect(boundaryF1([30, 60], [31, 75])).toBeCloseTo(1, 5);
    expect(boundaryF1([30, 60], [])).toBe(0);
  });

  it("penalise missing boundaries", () => {
    expect(pk([30, 60], [], 90)).toBeGreaterThan(0.3);
    expect(windowDiff([30, 60], [], 90)).toBeGreaterThan(pk([30, 60], [58], 90));
  });

  it("measure coverage, cuts inside spans and word error", () => {
    const keys = [
      { start: 10, end: 14 },
      { start: 40, end: 44 },
    ];
    expect(coverage(keys, [{ start: 9, end: 13 }])).toBe(0.5);
    expect(cutsInside([{ start: 9, end: 13 }], keys)).toBe(1);
    expect(wordErrorRate(["a", "b", "c"], ["a", "x", "c", "d"])).toBeCloseTo(2 / 3, 5);
  });
});

describe("leave-one-lecture-out", () => {
  it("scores each lecture with the setting that is best on the others", () => {
    const errors = [
      [0.3, 0.2],
      [0.4, 0.1],
      [0.25, 0.5],
    ];
    expect(leaveOneOut(errors)).toEqual([
      { choice: 1, error: 0.2 },
      { choice: 0, error: 0.4 },
      { choice: 1, error: 0.5 },
    ]);
    expect(leaveOneOut([[0.5, 0.5]])).toEqual([{ choice: 0, error: 0.5 }]);
  });
});
