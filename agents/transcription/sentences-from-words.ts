import type { Sentence, Word } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";

export type SentenceGrouping = {
  /** A gap between words at least this long ends a sentence. */
  pauseSeconds: number;
  /** Longer runs are split at their widest gap, so captions and snapping stay fine-grained. */
  maxSentenceSeconds: number;
  /** Extra sentence ends known from elsewhere, such as punctuation: index of the last word. */
  endsSentence?: (wordIndex: number) => boolean;
};

export const defaultSentenceGrouping: SentenceGrouping = { pauseSeconds: 0.5, maxSentenceSeconds: 15 };

/**
 * Groups timed words into sentences at pauses (and punctuation, when the backend has it).
 *
 * @example
 * groupWordsIntoSentences(words, { pauseSeconds: 0.5, maxSentenceSeconds: 15 })
 */
export function groupWordsIntoSentences(words: readonly Word[], grouping = defaultSentenceGrouping): Sentence[] {
  const runs: Word[][] = [];
  let current: Word[] = [];
  words.forEach((word, index) => {
    const previous = current.at(-1);
    if (previous && word.start - previous.end >= grouping.pauseSeconds) {
      runs.push(current);
      current = [];
    }
    current.push(word);
    if (grouping.endsSentence?.(index)) {
      runs.push(current);
      current = [];
    }
  });
  if (current.length > 0) runs.push(current);
  return runs.flatMap((run) => splitLongRun(run, grouping.maxSentenceSeconds)).map(sentenceOf);
}

function splitLongRun(run: Word[], maxSeconds: number): Word[][] {
  const first = run[0];
  const last = run.at(-1);
  if (!first || !last || last.end - first.start <= maxSeconds || run.length < 2) return [run];
  let widest = 1;
  for (let i = 1; i < run.length; i++) {
    const gap = (run[i] as Word).start - (run[i - 1] as Word).end;
    const widestGap = (run[widest] as Word).start - (run[widest - 1] as Word).end;
    const closerToMiddle = Math.abs(i - run.length / 2) < Math.abs(widest - run.length / 2);
    if (gap > widestGap || (gap === widestGap && closerToMiddle)) widest = i;
  }
  return [...splitLongRun(run.slice(0, widest), maxSeconds), ...splitLongRun(run.slice(widest), maxSeconds)];
}

function sentenceOf(words: Word[]): Sentence {
  const confidence = words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
  return {
    start: roundMs((words[0] as Word).start),
    end: roundMs((words.at(-1) as Word).end),
    text: words.map((w) => w.text).join(" "),
    confidence: Math.round(confidence * 1000) / 1000,
    words,
  };
}
