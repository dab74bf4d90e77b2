import type { Sentence } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";

export type Cue = { start: number; end: number; text: string };
export type CueLimits = { maxLineChars: number; maxLines: number; maxSeconds: number };

/** Two lines of 42 characters, at most 7 s on screen: common broadcast guidance. */
const defaultCueLimits: CueLimits = { maxLineChars: 42, maxLines: 2, maxSeconds: 7 };

/** A word as shown on screen (with the sentence's punctuation) and when it is spoken. */
type TimedToken = { text: string; start: number; end: number };

/**
 * Caption cues from sentences. A sentence that does not fit one cue is split between words,
 * using word timings where the transcript has them and times spread by character count where it
 * has not; a word is never split, so only a single word longer than a line can exceed the limits.
 * Lines inside a cue are separated by "\n".
 *
 * @example
 * captionCues(transcript.sentences) // [{ start: 1, end: 4.14, text: "Today we study how\nquantities change over time" }, …]
 */
export function captionCues(sentences: readonly Sentence[], limits = defaultCueLimits): Cue[] {
  return sentences.flatMap((sentence) => {
    const cues: Cue[] = [];
    let group: TimedToken[] = [];
    const flush = () => {
      const first = group[0];
      const last = group.at(-1);
      if (first && last) cues.push({ start: first.start, end: last.end, text: wrap(group, limits).join("\n") });
      group = [];
    };
    for (const token of timedTokens(sentence)) {
      const first = group[0];
      const tooLong = first !== undefined && token.end - first.start > limits.maxSeconds;
      if (first && (tooLong || wrap([...group, token], limits).length > limits.maxLines)) flush();
      group.push(token);
    }
    flush();
    return cues;
  });
}

/**
 * Line breaking at word boundaries: greedy, so a cue takes as few lines as possible; two lines
 * are then balanced, which reads better than a full line over a single word.
 */
function wrap(tokens: readonly TimedToken[], limits: CueLimits): string[] {
  const lines: string[] = [];
  for (const { text } of tokens) {
    const line = lines.at(-1);
    if (line !== undefined && line.length + 1 + text.length <= limits.maxLineChars)
      lines[lines.length - 1] = `${line} ${text}`;
    else lines.push(text);
  }
  if (lines.length !== 2) return lines;
  const even = balanced(
    tokens.map((t) => t.text),
    limits.maxLineChars,
  );
  // A word longer than a line leaves no split that fits: keep the greedy lines.
  return even.length > 0 ? even : lines;
}

function balanced(words: readonly string[], maxLineChars: number): string[] {
  let best: string[] = [];
  for (let split = 1; split < words.length; split++) {
    const pair = [words.slice(0, split).join(" "), words.slice(split).join(" ")];
    const longest = Math.max(...pair.map((l) => l.length));
    const bestLongest = best.length ? Math.max(...best.map((l) => l.length)) : Number.POSITIVE_INFINITY;
    if (longest <= maxLineChars && longest < bestLongest) best = pair;
  }
  return best;
}

/**
 * The sentence's words with times. The sentence text keeps punctuation that recognizers drop
 * from words, so it is shown when it has as many words as the timings.
 */
function timedTokens(sentence: Sentence): TimedToken[] {
  const shown = sentence.text.trim().split(/\s+/).filter(Boolean);
  if (sentence.words.length === 0) return spreadByCharacters(shown, sentence);
  const useShown = shown.length === sentence.words.length;
  return sentence.words.map((w, i) => ({ text: useShown ? (shown[i] as string) : w.text, start: w.start, end: w.end }));
}

/** Without word timings, each word gets a share of the sentence's time by its length. */
function spreadByCharacters(shown: readonly string[], range: Sentence): TimedToken[] {
  const total = shown.reduce((sum, text) => sum + text.length + 1, 0);
  const perChar = (range.end - range.start) / Math.max(1, total);
  let cursor = 0;
  return shown.map((text, i) => {
    const start = cursor;
    cursor += text.length + 1;
    const end = i === shown.length - 1 ? range.end : roundMs(range.start + (cursor - 1) * perChar);
    return { text, start: roundMs(range.start + start * perChar), end };
  });
}
