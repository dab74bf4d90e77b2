import { describe, expect, it } from "vitest";
import type { Sentence } from "../contracts/artifacts.ts";
import { selectionOf } from "../testing/highlight-fixture.ts";
import { threeTopics, typedLecture } from "../testing/lecture-fixture.ts";
import { captionFiles } from "./caption-files.ts";
import { parseCaptions, toSrt, toWebVtt } from "./caption-formats.ts";
import { captionCues } from "./captions.ts";
import { planCompilation } from "./plan-compilation.ts";
import { reelSentences } from "./reel-sentences.ts";

const { transcript } = typedLecture(threeTopics);
const s = transcript.sentences;
const withinLimits = (cue: { start: number; end: number; text: string }) => {
  const lines = cue.text.split("\n");
  return lines.length <= 2 && lines.every((l) => l.length <= 42) && cue.end - cue.start <= 7;
};
const oneLine = (text: string) => text.replaceAll("\n", " ");

describe("caption formats", () => {
  const cues = [
    { start: 1, end: 3.5, text: "First sentence." },
    { start: 61.25, end: 64, text: "Two lines\nin one cue." },
  ];
  it("writes WebVTT and SRT that parse back to the same cues", () => {
    const vtt = toWebVtt(cues);
    expect(vtt.startsWith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nFirst sentence.\n")).toBe(true);
    expect(parseCaptions(vtt)).toEqual(cues);
    expect(parseCaptions(toSrt(cues))).toEqual(cues);
    expect(toSrt([{ start: 3661.5, end: 3662, text: "x" }])).toBe("1\n01:01:01,500 --> 01:01:02,000\nx\n");
    expect(toWebVtt([])).toBe("WEBVTT\n");
  });
});

describe("captionCues", () => {
  it("keeps a short sentence in one cue, its two lines balanced", () => {
    const cues = captionCues(s.slice(0, 2));
    expect(toSrt(cues)).toBe(
      "1\n00:00:01,000 --> 00:00:04,140\nToday we study how\nquantities change over time\n\n" +
        "2\n00:00:04,940 --> 00:00:08,480\nA speedometer shows the\nvelocity of a moving car\n",
    );
  });

  it("splits a long sentence between words into cues of two 42-character lines and 7 s", () => {
    const long = s[9] as Sentence;
    const sentence = {
      ...long,
      text: `${long.text} ${long.text}`,
      words: [...long.words, ...long.words.map((w) => ({ ...w, start: w.start + 6, end: w.end + 6 }))],
    };
    const cues = captionCues([sentence]);
    expect(cues.length).toBeGreaterThan(1);
    expect(cues.every(withinLimits)).toBe(true);
    expect(cues.map((c) => oneLine(c.text)).join(" ")).toBe(sentence.text);
    expect(cues.every((c) => sentence.words.some((w) => w.start === c.start))).toBe(true);
  });

  it("ends a cue at 7 s even when the text would fit", () => {
    const slow = {
      ...(s[0] as Sentence),
      words: (s[0] as Sentence).words.map((w, i) => ({ ...w, start: i * 2, end: i * 2 + 1 })),
    };
    const cues = captionCues([slow]);
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0, 7],
      [8, 15],
    ]);
  });

  it("spreads a sentence without word timings by characters, never splitting a word", () => {
    const text = "Photosynthesis is defined as turning light into chemical energy stored in sugar by plants";
    const cues = captionCues([{ start: 10, end: 16, text, confidence: 1, words: [] }]);
    expect(cues).toHaveLength(2);
    expect(cues.every(withinLimits)).toBe(true);
    expect(cues.map((c) => oneLine(c.text)).join(" ")).toBe(text);
    expect(cues[0]?.start).toBe(10);
    expect(cues[1]?.end).toBe(16);
    expect(cues[0]?.end).toBeLessThan(cues[1]?.start ?? 0);
  });
});

describe("reel captions", () => {
  it("retimes captions onto the reel, dropping words cut by a clip edge", () => {
    const plan = planCompilation({
      selection: selectionOf([(s[9]?.start ?? 0) - 0.3, s[9]?.end ?? 0], [s[2]?.start ?? 0, 12]),
    });
    const onReel = reelSentences(s, plan);
    expect(onReel[0]?.start).toBe(0);
    expect(onReel[0]?.text.startsWith("The key idea")).toBe(true);
    expect(onReel[0]?.words.every((w) => w.end <= 12 - (s[2]?.start ?? 0))).toBe(true);
    const secondOffset = plan.reel.offsets[1] ?? 0;
    expect(onReel[1]?.start).toBeCloseTo(secondOffset + 0.3, 3);
    expect(onReel[1]?.text).toBe(s[9]?.text);
    const reelCues = parseCaptions(captionFiles({ transcript, plan }).reel?.srt ?? "");
    expect(reelCues[0]?.start).toBe(0);
    expect(reelCues.every(withinLimits)).toBe(true);
  });

  it("keeps the part inside the clip of a sentence without word timings, and drops slivers", () => {
    const sentences: Sentence[] = [
      { start: 58, end: 62, text: "Crosses the clip start.", confidence: 1, words: [] },
      { start: 89.9, end: 93, text: "A sliver before the clip end.", confidence: 1, words: [] },
    ];
    const plan = planCompilation({ selection: selectionOf([60, 90]) });
    expect(reelSentences(sentences, plan)).toEqual([{ ...sentences[0], start: 0, end: 2 }]);
    expect(captionFiles({ transcript: { ...transcript, sentences }, plan }).reel?.webVtt).toBe(
      "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nCrosses the clip start.\n",
    );
    expect(captionFiles({ transcript, plan: planCompilation({ selection: { highlights: [] } }) }).reel).toBeNull();
  });
});
