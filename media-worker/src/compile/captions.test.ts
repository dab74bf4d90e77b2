import { describe, expect, it } from "vitest";
import { parseCaptions, retimeCues, toSrt, toWebVtt } from "./captions.ts";
import { reelTimeline } from "./reel-timeline.ts";

const cues = [
  { start: 1, end: 3.5, text: "First sentence." },
  { start: 61.25, end: 64, text: "Inside the first clip." },
  { start: 89, end: 93, text: "Crosses the clip end." },
  { start: 125, end: 127.5, text: "Inside the second clip." },
];

describe("captions", () => {
  it("writes WebVTT and SRT that parse back to the same cues", () => {
    const vtt = toWebVtt(cues);
    expect(vtt.startsWith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nFirst sentence.\n")).toBe(true);
    expect(parseCaptions(vtt)).toEqual(cues);
    expect(parseCaptions(toSrt(cues))).toEqual(cues);
    expect(toSrt([{ start: 3661.5, end: 3662, text: "x" }])).toBe("1\n01:01:01,500 --> 01:01:02,000\nx\n");
  });

  it("retimes cues onto the reel, clipped to each range and shifted to its offset", () => {
    const ranges = [
      { start: 60, end: 90 },
      { start: 120, end: 130 },
    ];
    const { offsets } = reelTimeline(ranges, 0.5);
    expect(retimeCues(cues, ranges, offsets)).toEqual([
      { start: 1.25, end: 4, text: "Inside the first clip." },
      { start: 29, end: 30, text: "Crosses the clip end." },
      { start: 29.5 + 5, end: 29.5 + 7.5, text: "Inside the second clip." },
    ]);
  });
});

describe("reelTimeline", () => {
  it("makes the reel the sum of the clips minus one fade per join", () => {
    const ranges = [
      { start: 0, end: 10 },
      { start: 20, end: 35 },
      { start: 50, end: 58 },
    ];
    expect(reelTimeline(ranges, 0.5)).toEqual({ offsets: [0, 9.5, 24], durationSeconds: 32, fadeSeconds: 0.5 });
    expect(reelTimeline([ranges[0]!], 0.5)).toEqual({ offsets: [0], durationSeconds: 10, fadeSeconds: 0 });
    expect(reelTimeline([], 0.5).durationSeconds).toBe(0);
  });

  it("shortens the fade for clips too short to fade in and out", () => {
    expect(
      reelTimeline(
        [
          { start: 0, end: 0.6 },
          { start: 5, end: 10 },
        ],
        0.5,
      ).fadeSeconds,
    ).toBe(0.3);
  });
});
