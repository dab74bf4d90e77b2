import { describe, expect, it } from "vitest";
import { analyseSilence } from "./silence-agent.ts";

describe("analyseSilence", () => {
  it("gives speech between pauses and a cut point in each pause", () => {
    const result = analyseSilence({ durationSeconds: 10, silences: [{ start: 4, end: 5 }] });
    expect(result.speechRegions).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 10 },
    ]);
    expect(result.cutPoints.map((c) => c.time)).toEqual([4.5]);
    expect(result.speechRatio).toBe(0.9);
  });

  it("ignores short gaps, merges overlaps, bridges blips of noise and clamps to the media", () => {
    const result = analyseSilence({
      durationSeconds: 20,
      silences: [
        { start: 12, end: 13 },
        { start: 2, end: 2.1 },
        { start: 6, end: 7 },
        { start: 6.5, end: 8 },
        { start: 13.05, end: 14 },
        { start: 19.5, end: 25 },
      ],
    });
    expect(result.pauses).toEqual([
      { start: 6, end: 8 },
      { start: 12, end: 14 },
      { start: 19.5, end: 20 },
    ]);
    expect(result.speechRegions.at(-1)).toEqual({ start: 14, end: 19.5 });
  });

  it("treats no silences as one speech region", () => {
    const result = analyseSilence({ durationSeconds: 30, silences: [] });
    expect(result.speechRegions).toEqual([{ start: 0, end: 30 }]);
    expect(result.cutPoints).toEqual([]);
  });

  it("treats silent media as no speech", () => {
    const result = analyseSilence({ durationSeconds: 5, silences: [{ start: 0, end: 5 }] });
    expect(result.speechRegions).toEqual([]);
    expect(result.speechRatio).toBe(0);
  });
});
