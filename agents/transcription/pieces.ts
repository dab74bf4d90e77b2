import type { TimeRange, TranscriptPiece, Word } from "../contracts/artifacts.ts";
import { clamp, roundMs } from "../shared/time-ranges.ts";
import { planChunks } from "./chunk-plan.ts";

/**
 * Cuts the speech track into pieces of at most `maxSeconds`, each cut in the middle of a pause,
 * so pieces can be recognized in parallel and checkpointed one by one without splitting a word.
 *
 * @example
 * planPieces(3600, silences, 120).length // ~31 pieces of 60–120 s
 */
export function planPieces(durationSeconds: number, silences: readonly TimeRange[], maxSeconds: number): TimeRange[] {
  return planChunks(durationSeconds, silences, {
    maxBytes: Number.POSITIVE_INFINITY,
    maxSeconds,
    bytesPerSecond: 1,
  });
}

/**
 * Moves words timed from the start of a piece onto the source timeline, kept inside the piece.
 *
 * @example
 * shiftWords([{ text: "so", start: 0.2, end: 0.4, confidence: 1 }], { start: 60, end: 120 })[0].start // 60.2
 */
export function shiftWords(words: readonly Word[], range: TimeRange): Word[] {
  return words.map((word) => {
    const start = clamp(range.start + word.start, range.start, range.end);
    return { ...word, start: roundMs(start), end: roundMs(clamp(range.start + word.end, start, range.end)) };
  });
}

/**
 * The words of all pieces in source order, with their sentence-end marks alongside.
 *
 * @example
 * const { words, sentenceEnds } = mergePieces([second, first]); // first's words come first
 */
export function mergePieces(pieces: readonly TranscriptPiece[]): Pick<TranscriptPiece, "words" | "sentenceEnds"> {
  const ordered = [...pieces].sort((a, b) => a.start - b.start);
  return {
    words: ordered.flatMap((p) => p.words),
    sentenceEnds: ordered.flatMap((p) => p.words.map((_, i) => p.sentenceEnds[i] ?? false)),
  };
}
