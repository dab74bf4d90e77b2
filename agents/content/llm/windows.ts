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

/**
 * The seconds window `index` of `windows` covers: from its first sentence (0 for the first
 * window) to its last sentence's end (the media's end for the last window).
 *
 * @example
 * windowSpan(transcriptWindows(sentences, 12_000), 0, 3600) // { from: 0, to: 1804.2 }
 */
export function windowSpan(
  windows: readonly (readonly Sentence[])[],
  index: number,
  durationSeconds: number,
): { from: number; to: number } {
  const sentences = windows[index] ?? [];
  const from = index === 0 ? 0 : (sentences[0]?.start ?? 0);
  const to = index === windows.length - 1 ? durationSeconds : (sentences.at(-1)?.end ?? durationSeconds);
  return { from: Math.max(0, from), to: Math.min(durationSeconds, Math.max(from, to)) };
}
