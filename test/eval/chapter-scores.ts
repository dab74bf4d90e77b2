import { boundaryF1, pk, windowDiff } from "./metrics.ts";

export type ChapterScore = { pk: number; windowDiff: number; f1: number; chapters: number; trueChapters: number };

/**
 * How a segmentation (chapter starts after the first) compares with the true one: Pk,
 * WindowDiff, boundary F1 within 15 s, and both chapter counts.
 *
 * @example
 * scoreChapters([600, 1200], [590], 1800) // { pk: 0.17, windowDiff: 0.33, f1: 0.67, chapters: 2, trueChapters: 3 }
 */
export function scoreChapters(
  reference: readonly number[],
  hypothesis: readonly number[],
  duration: number,
): ChapterScore {
  return {
    pk: pk(reference, hypothesis, duration),
    windowDiff: windowDiff(reference, hypothesis, duration),
    f1: boundaryF1(reference, hypothesis, 15),
    chapters: hypothesis.length + 1,
    trueChapters: reference.length + 1,
  };
}

/** Means of the scores of a set of lectures, rounded for the report. */
export function summarizeChapters(scores: readonly ChapterScore[]) {
  const mean = (pick: (s: ChapterScore) => number) =>
    Math.round((scores.reduce((sum, s) => sum + pick(s), 0) / Math.max(1, scores.length)) * 1000) / 1000;
  return {
    pk: mean((s) => s.pk),
    windowDiff: mean((s) => s.windowDiff),
    f1: mean((s) => s.f1),
    meanChapters: mean((s) => s.chapters),
    meanTrueChapters: mean((s) => s.trueChapters),
  };
}
