import { describe, expect, it } from "vitest";
import { axisTicks } from "./bar-chart.ts";

describe("a chart's value axis", () => {
  it("steps roundly from zero to at least the largest bar, by whole numbers for counts", () => {
    expect(axisTicks(45, false)).toEqual([0, 20, 40, 60]);
    expect(axisTicks(42.5, false)).toEqual([0, 20, 40, 60]);
    expect(axisTicks(100, false)).toEqual([0, 50, 100]);
    expect(axisTicks(4, true)).toEqual([0, 1, 2, 3, 4]);
    expect(axisTicks(0.3, true)).toEqual([0, 1]);
    expect(axisTicks(0, false)).toEqual([0, 0.1]);
    expect(axisTicks(7, true)).toEqual([0, 2, 4, 6, 8]);
  });
});
