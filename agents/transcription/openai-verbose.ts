import type { TranscriptionVerbose } from "openai/resources/audio/transcriptions";
import type { TimeRange, Word } from "../contracts/artifacts.ts";
import { clamp, roundMs } from "../shared/time-ranges.ts";

/** Words of one piece on the source timeline, each marked when punctuation ends a sentence there. */
export type PieceWords = { words: Word[]; sentenceEnds: boolean[] };

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9']/g, "");

/**
 * Moves the words of a `verbose_json` response for the piece `range` onto the source timeline
 * (offset by `range.start`, kept inside the piece) and recovers punctuation from the response
 * text, which the word list lacks. Confidence comes from the segment's mean log probability.
 *
 * @example
 * wordsFromVerbose(response, { start: 780.5, end: 1560 }).words[0] // { text: "So,", start: 780.72, … }
 */
export function wordsFromVerbose(response: TranscriptionVerbose, range: TimeRange): PieceWords {
  const textTokens = response.text.split(/\s+/).filter(Boolean);
  const segments = response.segments ?? [];
  const words: Word[] = [];
  const sentenceEnds: boolean[] = [];
  let cursor = 0;
  for (const word of response.words ?? []) {
    const wanted = normalize(word.word);
    if (wanted === "") continue;
    const found = textTokens.findIndex((token, i) => i >= cursor && i < cursor + 4 && normalize(token) === wanted);
    const display = found >= 0 ? (textTokens[found] as string) : word.word.trim();
    if (found >= 0) cursor = found + 1;
    const segment = segments.find((s) => word.start >= s.start - 0.01 && word.start < s.end + 0.01);
    const start = clamp(range.start + word.start, range.start, range.end);
    words.push({
      text: display,
      start: roundMs(start),
      end: roundMs(clamp(range.start + word.end, start, range.end)),
      confidence: segment ? Math.round(clamp(Math.exp(segment.avg_logprob), 0, 1) * 1000) / 1000 : 0.8,
    });
    sentenceEnds.push(/[.?!]["')\]]*$/.test(display));
  }
  return { words, sentenceEnds };
}
