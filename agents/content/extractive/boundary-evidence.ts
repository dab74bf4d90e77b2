import type { Sentence } from "../../contracts/artifacts.ts";
import { opensTopic } from "./cue-phrases.ts";

/** How far (in sentences) a boundary found by cohesion may move towards better evidence. */
const reach = 2;

/**
 * Places each boundary on the best gap within two sentences of it: lexical cohesion knows
 * roughly where a topic changes, while a long pause or a sentence opening with "so now
 * let's…" says exactly where. A gap's evidence is its pause measured against the lecture's
 * median pause (capped, so one long silence cannot pull a boundary on its own) plus one for
 * an opening cue phrase. Boundaries never cross each other and stay distinct.
 *
 * @example
 * placeOnEvidence([12], sentences) // [13] when sentence 13 starts "Now let's turn to…"
 */
export function placeOnEvidence(boundaries: readonly number[], sentences: readonly Sentence[]): number[] {
  const pauses = sentences.slice(1).map((s, i) => Math.max(0, s.start - (sentences[i] as Sentence).end));
  const median = [...pauses].sort((a, b) => a - b)[Math.floor(pauses.length / 2)] ?? 0;
  const evidence = (index: number) =>
    Math.min(3, (pauses[index - 1] ?? 0) / Math.max(median, 0.05)) +
    (opensTopic((sentences[index] as Sentence).text) ? 1 : 0);
  const placed: number[] = [];
  boundaries.forEach((boundary, k) => {
    const low = Math.max(1, boundary - reach, (placed.at(-1) ?? 0) + 1);
    const high = Math.min(sentences.length - 1, boundary + reach, (boundaries[k + 1] ?? sentences.length) - 1);
    let best = boundary;
    for (let i = low; i <= high; i++) if (evidence(i) > evidence(best)) best = i;
    if (best > (placed.at(-1) ?? 0)) placed.push(best);
  });
  return placed;
}
