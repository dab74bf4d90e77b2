import { describe, expect, it } from "vitest";
import { CompilationPlan, type Highlight, type Sentence } from "../contracts/artifacts.ts";
import { threeTopics, typedLecture } from "../testing/lecture-fixture.ts";
import { captionCues, reelSentences, toSrt, toWebVtt } from "./captions.ts";
import { planCompilation } from "./plan-compilation.ts";

const highlight = (start: number, end: number): Highlight => ({
  start,
  end,
  title: "t",
  summary: "s",
  keyPhrases: [],
  score: 0.5,
  chapterIndex: 0,
});
const { transcript } = typedLecture(threeTopics);

describe("planCompilation", () => {
  it("orders the reel by time and offsets each clip by the lengths before it less the crossfades", () => {
    const plan = CompilationPlan.parse(
      planCompilation({ selection: { highlights: [highlight(40, 50), highlight(9, 19)] } }),
    );
    expect(plan.clips).toEqual([
      { start: 40, end: 50, highlightIndex: 0 },
      { start: 9, end: 19, highlightIndex: 1 },
    ]);
    expect(plan.reel).toEqual({ order: [1, 0], fadeSeconds: 0.5, offsets: [0, 9.5], durationSeconds: 19.5 });
  });

  it("shortens fades for short clips and plans an empty reel for no highlights", () => {
    const short = planCompilation({ selection: { highlights: [highlight(0, 1), highlight(5, 9)] }, fadeSeconds: 1 });
    expect(short.reel).toMatchObject({ fadeSeconds: 0.5, offsets: [0, 0.5], durationSeconds: 4.5 });
    expect(planCompilation({ selection: { highlights: [highlight(0, 3)] } }).reel.fadeSeconds).toBe(0);
    expect(planCompilation({ selection: { highlights: [] } }).reel).toEqual({
      order: [],
      fadeSeconds: 0,
      offsets: [],
      durationSeconds: 0,
    });
  });
});

describe("captions", () => {
  it("writes WebVTT and SRT from sentences", () => {
    const cues = captionCues(transcript.sentences.slice(0, 2));
    expect(toWebVtt(cues)).toBe(
      "WEBVTT\n\n00:00:01.000 --> 00:00:04.140\nToday we study how quantities change over time\n\n" +
        "00:00:04.940 --> 00:00:08.480\nA speedometer shows the velocity of a moving car\n",
    );
    expect(toSrt(cues)).toBe(
      "1\n00:00:01,000 --> 00:00:04,140\nToday we study how quantities change over time\n\n" +
        "2\n00:00:04,940 --> 00:00:08,480\nA speedometer shows the velocity of a moving car\n",
    );
    expect(toWebVtt([])).toBe("WEBVTT\n\n");
  });

  it("splits a long sentence between words", () => {
    const cues = captionCues(transcript.sentences.slice(9, 10), { maxChars: 40, maxSeconds: 7 });
    expect(cues.length).toBeGreaterThan(1);
    expect(cues.every((c) => c.text.length <= 40)).toBe(true);
    expect(cues.map((c) => c.text).join(" ")).toBe(transcript.sentences[9]?.text);
  });

  it("retimes captions onto the reel, dropping words cut by a clip edge", () => {
    const s = transcript.sentences as Sentence[];
    const plan = planCompilation({
      selection: { highlights: [highlight((s[9]?.start ?? 0) - 0.3, s[9]?.end ?? 0), highlight(s[2]?.start ?? 0, 12)] },
    });
    const onReel = reelSentences(s, plan);
    expect(onReel[0]?.start).toBe(0);
    expect(onReel[0]?.text.startsWith("The key idea")).toBe(true);
    expect(onReel[0]?.words.every((w) => w.end <= 12 - (s[2]?.start ?? 0))).toBe(true);
    const secondOffset = plan.reel.offsets[1] ?? 0;
    expect(onReel[1]?.start).toBeCloseTo(secondOffset + 0.3, 3);
    expect(onReel[1]?.text).toBe(s[9]?.text);
    expect(toSrt(captionCues(onReel)).startsWith("1\n00:00:00,000 --> ")).toBe(true);
  });
});
