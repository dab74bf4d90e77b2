import { snapRange } from "../content/snap.ts";
import type { Sentence, TimeRange, Word } from "../contracts/artifacts.ts";
import { clamp, roundMs } from "../shared/time-ranges.ts";

export type ClipLimits = {
  minSeconds: number;
  maxSeconds: number;
  durationSeconds: number;
  /** Pauses from the audio pass: a boundary near one moves inside it, where there is no speech. */
  pauses?: readonly TimeRange[];
};

/** Breathing room kept before the first and after the last word, taken only from the pause. */
const leadSeconds = 0.3;
const tailSeconds = 0.5;

/**
 * Fits a candidate range to whole sentences within the clip length limits: snapped onto
 * sentences, trimmed to its longest leading run of sentences that fits (a single overlong
 * sentence is cut after the word followed by the widest pause), extended with following and
 * then preceding sentences when too short, and padded into the surrounding pauses. The result
 * never starts or ends inside a word. Null when nothing fits.
 *
 * @example
 * fitClip({ start: 12, end: 140 }, sentences, { minSeconds: 20, maxSeconds: 90, durationSeconds: 3600 })
 * // { start: 11.52, end: 98.3 }
 */
export function fitClip(range: TimeRange, sentences: readonly Sentence[], limits: ClipLimits): TimeRange | null {
  if (sentences.length === 0) return fitWithoutSpeech(range, limits);
  const snapped = snapRange(range, sentences, limits.durationSeconds);
  let first = sentences.findIndex((s) => s.start >= snapped.start);
  let last = sentences.findLastIndex((s) => s.end <= snapped.end);
  if (first < 0 || last < first) return null;
  const span = () => (sentences[last] as Sentence).end - (sentences[first] as Sentence).start;
  while (last > first && span() > limits.maxSeconds) last--;
  if (span() > limits.maxSeconds) return cutLongSentence(sentences, first, limits);
  const fits = (from: number, to: number) =>
    (sentences[to] as Sentence).end - (sentences[from] as Sentence).start <= limits.maxSeconds;
  while (span() < limits.minSeconds && last + 1 < sentences.length && fits(first, last + 1)) last++;
  while (span() < limits.minSeconds && first > 0 && fits(first - 1, last)) first--;
  return padIntoPauses(sentences, first, last, limits);
}

function padIntoPauses(sentences: readonly Sentence[], first: number, last: number, limits: ClipLimits): TimeRange {
  const start = (sentences[first] as Sentence).start;
  const end = (sentences[last] as Sentence).end;
  const previousEnd = first > 0 ? (sentences[first - 1] as Sentence).end : 0;
  const nextStart = sentences[last + 1]?.start ?? limits.durationSeconds;
  const slack = Math.max(0, limits.maxSeconds - (end - start));
  const lead = Math.min(leadSeconds, (start - previousEnd) / 2, slack / 2);
  const tail = Math.min(tailSeconds, (nextStart - end) / 2, slack / 2);
  return {
    start: roundMs(
      intoPause(clamp(start - Math.max(0, lead), 0, limits.durationSeconds), limits.pauses, previousEnd, start),
    ),
    end: roundMs(intoPause(clamp(end + Math.max(0, tail), 0, limits.durationSeconds), limits.pauses, end, nextStart)),
  };
}

/** Moves a cut into a measured pause lying near it, without crossing the neighbouring words. */
function intoPause(time: number, pauses: readonly TimeRange[] | undefined, floor: number, ceiling: number): number {
  const pause = pauses?.find((p) => p.start <= time + 0.2 && p.end >= time - 0.2);
  if (!pause) return time;
  return clamp(clamp(time, pause.start + 0.05, pause.end - 0.05), floor, ceiling);
}

function cutLongSentence(sentences: readonly Sentence[], index: number, limits: ClipLimits): TimeRange | null {
  const sentence = sentences[index] as Sentence;
  const words = sentence.words;
  let best: Word | undefined;
  let widest = -1;
  words.forEach((word, i) => {
    const gap = (words[i + 1]?.start ?? word.end) - word.end;
    if (
      word.end - sentence.start <= limits.maxSeconds &&
      word.end - sentence.start >= limits.minSeconds &&
      gap > widest
    ) {
      widest = gap;
      best = word;
    }
  });
  if (!best) return null;
  const previousEnd = index > 0 ? (sentences[index - 1] as Sentence).end : 0;
  const start = Math.max(sentence.start - Math.min(leadSeconds, (sentence.start - previousEnd) / 2), 0);
  return { start: roundMs(start), end: roundMs(best.end + Math.min(tailSeconds, widest / 2)) };
}

function fitWithoutSpeech(range: TimeRange, limits: ClipLimits): TimeRange | null {
  const start = clamp(range.start, 0, limits.durationSeconds);
  const end = clamp(Math.min(range.end, start + limits.maxSeconds), 0, limits.durationSeconds);
  return end - start >= Math.min(limits.minSeconds, limits.durationSeconds) && end > start ? { start, end } : null;
}
