import { describe, expect, it } from "vitest";
import { analyseLayout } from "./layout-agent.ts";
import type { OcrLine, SlideReader } from "./ocr.ts";

const line = (text: string, top: number, height: number, confidence = 95): OcrLine => ({
  text,
  top,
  height,
  confidence,
});

const slides: Record<string, OcrLine[]> = {
  "a.png": [
    line("Why Rates of Change Matter", 40, 40),
    line("• Velocity is a rate of change", 190, 22),
    line("1 / 2", 650, 14),
  ],
  "b.png": [line("e Difference quotient", 190, 22), line("The Definition", 40, 40), line("of the Derivative", 86, 40)],
};
const fakeReader: SlideReader = { read: async (path) => slides[path] ?? [] };

describe("analyseLayout", () => {
  it("reads titles and text of each slide segment and classifies layouts", async () => {
    const layout = await analyseLayout(
      {
        durationSeconds: 100,
        slideChanges: [60, 30],
        segments: [
          { thumbnailPath: "a.png", thumbnailKey: "t/0.jpg", signals: { motion: 0.001 } },
          { thumbnailPath: "b.png", thumbnailKey: "t/1.jpg", signals: { motion: 0.04, movingAreaRatio: 0.1 } },
          { thumbnailPath: null, thumbnailKey: null, signals: { motion: 0.2, movingAreaRatio: 0.8 } },
        ],
      },
      fakeReader,
    );
    expect(layout.slideChanges).toEqual([30, 60]);
    expect(layout.segments.map((s) => [s.start, s.end, s.layout, s.title])).toEqual([
      [0, 30, "slides", "Why Rates of Change Matter"],
      [30, 60, "mixed", "The Definition of the Derivative"],
      [60, 100, "talking_head", null],
    ]);
    expect(layout.segments[0]?.text).toBe("Why Rates of Change Matter\nVelocity is a rate of change");
    expect(layout.segments[1]?.thumbnailKey).toBe("t/1.jpg");
  });

  it("gives one segment over the whole media when no slide changes were found", async () => {
    const layout = await analyseLayout({ durationSeconds: 42, slideChanges: [0, 42, 50], segments: [] }, null);
    expect(layout.slideChanges).toEqual([]);
    expect(layout.segments).toEqual([
      { start: 0, end: 42, layout: "slides", thumbnailKey: null, text: null, title: null },
    ]);
  });

  it("drops unreadable lines from titles", async () => {
    const reader: SlideReader = { read: async () => [line("~~ ;;", 10, 60, 20), line("Merge Sort", 40, 40)] };
    const layout = await analyseLayout(
      { durationSeconds: 10, slideChanges: [], segments: [{ thumbnailPath: "x", thumbnailKey: null }] },
      reader,
    );
    expect(layout.segments[0]?.title).toBe("Merge Sort");
  });
});
