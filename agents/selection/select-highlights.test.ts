import { describe, expect, it } from "vitest";
import type { ContentAnalysis, HighlightCandidate, Sentence } from "../contracts/artifacts.ts";
import { HighlightSelection } from "../contracts/artifacts.ts";
import { threeTopics, typedLecture } from "../testing/lecture-fixture.ts";
import { selectHighlights } from "./select-highlights.ts";

const { transcript, durationSeconds } = typedLecture(threeTopics);
const s = transcript.sentences;
const chapters = [0, 4, 8].map((i, n) => ({
  start: n === 0 ? 0 : (s[i] as Sentence).start,
  title: `C${n}`,
  summary: "",
}));
const candidate = (from: number, to: number, score: number, summary: string): HighlightCandidate => ({
  start: (s[from] as Sentence).start,
  end: (s[to] as Sentence).end,
  title: summary,
  summary,
  keyPhrases: [],
  score,
  reason: "test",
});
const analysis = (candidates: HighlightCandidate[]): ContentAnalysis => ({
  backend: "extractive",
  chapters,
  candidates,
  usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
});
const options = { highlightCount: 2, clipMinSeconds: 5, clipMaxSeconds: 12, reelMaxSeconds: 60 };
const words = s.flatMap((x) => x.words);
const insideAWord = (t: number) => words.some((w) => t > w.start && t < w.end);

describe("selectHighlights", () => {
  it("prefers chapters not used yet, keeps clips apart and returns them in timeline order", () => {
    const result = selectHighlights({
      durationSeconds,
      transcript,
      options,
      analysis: analysis([
        candidate(9, 9, 0.7, "photosynthesis definition"),
        candidate(2, 2, 0.9, "instant rate limit"),
        candidate(0, 1, 0.85, "speedometer velocity"),
      ]),
    });
    HighlightSelection.parse(result);
    expect(result.highlights.map((h) => [h.title, h.chapterIndex])).toEqual([
      ["instant rate limit", 0],
      ["photosynthesis definition", 2],
    ]);
  });

  it("takes one highlight from every topic before a second from any", () => {
    const result = selectHighlights({
      durationSeconds,
      transcript,
      options: { ...options, highlightCount: 3 },
      analysis: analysis([
        candidate(0, 0, 0.95, "speedometer"),
        candidate(2, 2, 0.9, "instant rate limit"),
        candidate(5, 5, 0.4, "merge halves"),
        candidate(9, 9, 0.3, "photosynthesis definition"),
      ]),
    });
    expect(result.highlights.map((h) => h.chapterIndex)).toEqual([0, 1, 2]);
  });

  it("scales the count and the reel with the lecture when the job leaves them out", () => {
    const many = [0, 2, 5, 6, 9, 10].map((i) => candidate(i, i, 0.5 + i / 100, `c${i}`));
    const result = selectHighlights({ durationSeconds, transcript, options: {}, analysis: analysis(many) });
    expect(result.highlights).toHaveLength(1);
  });

  it("fits clips to the length range on whole sentences and never cuts a word", () => {
    const result = selectHighlights({
      durationSeconds,
      transcript,
      options: { ...options, highlightCount: 3 },
      analysis: analysis([candidate(4, 7, 0.9, "sorting in order"), candidate(11, 11, 0.5, "in summary plants")]),
    });
    for (const h of result.highlights) {
      expect(h.end - h.start).toBeGreaterThanOrEqual(5);
      expect(h.end - h.start).toBeLessThanOrEqual(12);
      expect(insideAWord(h.start) || insideAWord(h.end)).toBe(false);
    }
    expect(result.highlights[0]?.start).toBeLessThanOrEqual((s[4] as Sentence).start);
    expect(result.highlights[0]?.start).toBeGreaterThan((s[3] as Sentence).end);
  });

  it("shortens a candidate longer than the whole reel to fit it", () => {
    const result = selectHighlights({
      durationSeconds,
      transcript,
      options: { highlightCount: 5, clipMinSeconds: 5, clipMaxSeconds: 90, reelMaxSeconds: 12 },
      analysis: analysis([candidate(0, 11, 0.9, "everything")]),
    });
    expect(result.highlights).toHaveLength(1);
    const [only] = result.highlights;
    expect((only?.end ?? 0) - (only?.start ?? 0)).toBeLessThanOrEqual(12);
    expect(insideAWord(only?.end ?? 0)).toBe(false);
  });

  it("stops when the reel is full and skips overlapping candidates", () => {
    const result = selectHighlights({
      durationSeconds,
      transcript,
      options: { highlightCount: 5, clipMinSeconds: 5, clipMaxSeconds: 12, reelMaxSeconds: 20 },
      analysis: analysis([
        candidate(2, 3, 0.9, "instant rates"),
        candidate(3, 4, 0.8, "velocity distance"),
        candidate(6, 6, 0.7, "quick sort pivot"),
        candidate(9, 9, 0.6, "photosynthesis energy"),
      ]),
    });
    const total = result.highlights.reduce((sum, h) => sum + h.end - h.start, 0);
    expect(total).toBeLessThanOrEqual(20);
    for (let i = 1; i < result.highlights.length; i++) {
      expect(result.highlights[i]?.start).toBeGreaterThan(result.highlights[i - 1]?.end ?? 0);
    }
    expect(result.highlights.map((h) => h.title)).not.toContain("velocity distance");
  });

  it("is deterministic and copes with nothing to choose from", () => {
    const input = {
      durationSeconds,
      transcript,
      options,
      analysis: analysis([candidate(5, 6, 0.5, "a"), candidate(9, 10, 0.5, "b")]),
    };
    expect(selectHighlights(input)).toEqual(selectHighlights(input));
    expect(selectHighlights({ ...input, analysis: analysis([]) })).toEqual({ highlights: [] });
    const empty = { ...transcript, sentences: [] };
    expect(selectHighlights({ ...input, transcript: empty, analysis: analysis([]) })).toEqual({ highlights: [] });
  });
});
