import type { Sentence } from "../../contracts/artifacts.ts";

/** Rough tokens of English text for budgeting (about four characters a token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * Splits the transcript into runs of whole sentences whose prompt lines fit `maxTokens`, so a
 * lecture of any length is analysed within the model's context, one window per request.
 *
 * @example
 * transcriptWindows(sentences, 12_000).length // 3 for a 2-hour lecture
 */
export function transcriptWindows(sentences: readonly Sentence[], maxTokens: number): Sentence[][] {
  const windows: Sentence[][] = [];
  let current: Sentence[] = [];
  let tokens = 0;
  for (const sentence of sentences) {
    const cost = estimateTokens(sentence.text) + 6;
    if (current.length > 0 && tokens + cost > maxTokens) {
      windows.push(current);
      current = [];
      tokens = 0;
    }
    current.push(sentence);
    tokens += cost;
  }
  if (current.length > 0) windows.push(current);
  return windows;
}
