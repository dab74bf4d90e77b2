import { describe, expect, it } from "vitest";
import { CompilationPlan } from "../contracts/artifacts.ts";
import { selectionOf } from "../testing/highlight-fixture.ts";
import { planCompilation } from "./plan-compilation.ts";

describe("planCompilation", () => {
  it("orders the reel by time and offsets each clip by the lengths before it less the crossfades", () => {
    const plan = CompilationPlan.parse(planCompilation({ selection: selectionOf([40, 50], [9, 19]) }));
    expect(plan.clips).toEqual([
      { start: 40, end: 50, highlightIndex: 0 },
      { start: 9, end: 19, highlightIndex: 1 },
    ]);
    expect(plan.reel).toEqual({ order: [1, 0], fadeSeconds: 0.5, offsets: [0, 9.5], durationSeconds: 19.5 });
  });

  it("makes the reel the sum of the clips minus one fade per join", () => {
    const plan = planCompilation({ selection: selectionOf([0, 10], [20, 35], [50, 58]) });
    expect(plan.reel).toMatchObject({ offsets: [0, 9.5, 24], durationSeconds: 32, fadeSeconds: 0.5 });
    expect(planCompilation({ selection: selectionOf([0, 10]) }).reel).toMatchObject({
      offsets: [0],
      durationSeconds: 10,
      fadeSeconds: 0,
    });
  });

  it("shortens fades for short clips and plans an empty reel for no highlights", () => {
    const short = planCompilation({ selection: selectionOf([0, 1], [5, 9]), fadeSeconds: 1 });
    expect(short.reel).toMatchObject({ fadeSeconds: 0.5, offsets: [0, 0.5], durationSeconds: 4.5 });
    expect(planCompilation({ selection: selectionOf([0, 0.6], [5, 10]) }).reel.fadeSeconds).toBe(0.3);
    expect(planCompilation({ selection: selectionOf([0, 3]) }).reel.fadeSeconds).toBe(0);
    expect(planCompilation({ selection: { highlights: [] } }).reel).toEqual({
      order: [],
      fadeSeconds: 0,
      offsets: [],
      durationSeconds: 0,
    });
  });

  it("puts cuts, the fade and the reel timeline on the source's frame grid", () => {
    const plan = planCompilation({ selection: selectionOf([10.01, 20.01], [30.04, 40]), fadeSeconds: 0.51, fps: 25 });
    expect(plan.clips.map(({ start, end }) => [start, end])).toEqual([
      [10, 20],
      [30.04, 40],
    ]);
    expect(plan.reel.fadeSeconds).toBeCloseTo(0.52, 9);
    expect(plan.reel.offsets[1]).toBeCloseTo(10 - 0.52, 9);
    expect(plan.reel.durationSeconds).toBeCloseTo(10 + 9.96 - 0.52, 9);
    for (const t of [...plan.reel.offsets, plan.reel.durationSeconds]) {
      expect(Math.abs(t * 25 - Math.round(t * 25))).toBeLessThan(1e-9);
    }
  });
});
