import type { CompilationPlan, Sentence, TimeRange, Word } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";

/** Shorter pieces of a sentence without word timings, left by a clip edge, are not worth a cue. */
const minSliverSeconds = 0.2;

/**
 * The sentences heard in the reel, on the reel's timeline: the words inside each clip, moved
 * by the clip's offset. Words cut by a clip edge are left out. A sentence without word timings
 * keeps its text and the part of its time inside the clip.
 *
 * @example
 * reelSentences(transcript.sentences, plan)[0].start // 0.3
 */
export function reelSentences(sentences: readonly Sentence[], plan: CompilationPlan): Sentence[] {
  return plan.reel.order.flatMap((clipIndex, position) => {
    const clip = plan.clips[clipIndex];
    if (!clip) return [];
    const shift = (t: number) => roundMs(t - clip.start + (plan.reel.offsets[position] ?? 0));
    return sentences.flatMap((sentence) =>
      sentence.words.length > 0 ? wordsInside(sentence, clip, shift) : partInside(sentence, clip, shift),
    );
  });
}

function wordsInside(sentence: Sentence, clip: TimeRange, shift: (t: number) => number): Sentence[] {
  const words = sentence.words
    .filter((w) => w.start >= clip.start && w.end <= clip.end)
    .map((w) => ({ ...w, start: shift(w.start), end: shift(w.end) }));
  if (words.length === 0) return [];
  const whole = words.length === sentence.words.length;
  const text = whole ? sentence.text : words.map((w) => w.text).join(" ");
  return [{ ...sentence, start: (words[0] as Word).start, end: (words.at(-1) as Word).end, text, words }];
}

function partInside(sentence: Sentence, clip: TimeRange, shift: (t: number) => number): Sentence[] {
  const start = Math.max(sentence.start, clip.start);
  const end = Math.min(sentence.end, clip.end);
  if (end - start < minSliverSeconds) return [];
  return [{ ...sentence, start: shift(start), end: shift(end) }];
}
