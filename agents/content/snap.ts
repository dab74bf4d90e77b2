import type { Chapter, HighlightCandidate, Sentence, TimeRange } from "../contracts/artifacts.ts";
import { clamp } from "../shared/time-ranges.ts";

/**
 * Moves a range proposed by a model onto whole transcript sentences: the start to the sentence
 * starting nearest it, the end to the sentence ending nearest it (never before the start's
 * sentence), both within the media. Without sentences, the range is only clamped.
 *
 * @example
 * snapRange({ start: 11.2, end: 29 }, sentences, 600) // { start: 10.84, end: 30.12 }
 */
export function snapRange(range: TimeRange, sentences: readonly Sentence[], duration: number): TimeRange {
  const start = clamp(Math.min(range.start, range.end), 0, duration);
  const end = clamp(Math.max(range.start, range.end), 0, duration);
  if (sentences.length === 0) return { start, end };
  const first = nearestIndex(sentences, (s) => s.start, start);
  const lastFromEnd = nearestIndex(sentences, (s) => s.end, end);
  const last = Math.max(first, lastFromEnd);
  return { start: (sentences[first] as Sentence).start, end: (sentences[last] as Sentence).end };
}

/**
 * A chapter start in the middle of the pause before the sentence starting nearest it (where a
 * slide change falls and where a seek should land), the first chapter at 0.
 */
export function snapChapters(
  chapters: readonly Chapter[],
  sentences: readonly Sentence[],
  duration: number,
): Chapter[] {
  const pauseBefore = (start: number) => {
    const i = sentences.findIndex((s) => s.start === start);
    return i > 0 ? Math.round((((sentences[i - 1] as Sentence).end + start) / 2) * 1000) / 1000 : start;
  };
  const snapped = chapters
    .map((c) => ({ ...c, start: pauseBefore(snapRange({ start: c.start, end: c.start }, sentences, duration).start) }))
    .sort((a, b) => a.start - b.start)
    .filter((c, i, all) => i === 0 || c.start > (all[i - 1] as Chapter).start);
  if (snapped[0]) snapped[0].start = 0;
  return snapped;
}

/** Candidates snapped to sentences, with empty ones dropped and scores kept within 0–1. */
export function snapCandidates(
  candidates: readonly HighlightCandidate[],
  sentences: readonly Sentence[],
  duration: number,
): HighlightCandidate[] {
  return candidates
    .map((c) => ({ ...c, ...snapRange(c, sentences, duration), score: clamp(c.score, 0, 1) }))
    .filter((c) => c.end > c.start)
    .sort((a, b) => a.start - b.start || b.score - a.score);
}

function nearestIndex(sentences: readonly Sentence[], at: (s: Sentence) => number, time: number): number {
  let best = 0;
  sentences.forEach((s, i) => {
    if (Math.abs(at(s) - time) < Math.abs(at(sentences[best] as Sentence) - time)) best = i;
  });
  return best;
}
