import { cosine, countTerms } from "../../shared/text.ts";
import { depthScores, smooth } from "./depth-scores.ts";

/** A candidate boundary: the gap before sentence `index`, and how deep its cohesion valley is. */
export type Valley = { index: number; depth: number };

/** Content terms on each side of a gap that TextTiling compares: Hearst's six pseudo-sentences of 20 (~1.5 minutes of speech). */
const blockTerms = 120;

/**
 * Hearst's TextTiling over sentences: the cosine similarity of the terms before and after
 * each gap, smoothed, then the depth of every local valley of that curve, deepest first.
 *
 * @example
 * cohesionValleys([["limit"], ["limit"], ["sort"], ["sort"]]) // [{ index: 2, depth: 2 }]
 */
export function cohesionValleys(terms: readonly (readonly string[])[]): Valley[] {
  const n = terms.length;
  if (n < 2) return [];
  // A block never spans more than a tenth of the lecture, or short talks would have no valleys.
  const size = Math.max(10, Math.min(blockTerms, Math.round(terms.flat().length / 10)));
  const similarity: number[] = [];
  for (let gap = 1; gap < n; gap++) {
    similarity.push(cosine(countTerms(block(terms, gap, -1, size)), countTerms(block(terms, gap, 1, size))));
  }
  const depths = depthScores(smooth(similarity, 2));
  return depths
    .map((d, k) => ({ index: k + 1, depth: d }))
    .filter((v, k) => v.depth > 0 && (depths[k - 1] ?? 0) <= v.depth && (depths[k + 1] ?? 0) < v.depth)
    .sort((a, b) => b.depth - a.depth || a.index - b.index);
}

/**
 * The valleys that stand out: at least `cutoff` standard deviations deeper than the mean
 * valley. This is how many boundaries TextTiling finds on its own.
 *
 * @example
 * significantValleys([{ index: 4, depth: 0.9 }, { index: 9, depth: 0.1 }], 1) // [{ index: 4, depth: 0.9 }]
 */
export function significantValleys(valleys: readonly Valley[], cutoff: number): Valley[] {
  const mean = valleys.reduce((sum, v) => sum + v.depth, 0) / Math.max(1, valleys.length);
  const sd = Math.sqrt(valleys.reduce((sum, v) => sum + (v.depth - mean) ** 2, 0) / Math.max(1, valleys.length));
  return valleys.filter((v) => v.depth >= mean + cutoff * sd - 1e-9);
}

/** The terms of the sentences on one side of a gap until the block holds `size` terms. */
function block(terms: readonly (readonly string[])[], gap: number, direction: -1 | 1, size: number): string[] {
  const collected: string[] = [];
  for (let i = direction < 0 ? gap - 1 : gap; i >= 0 && i < terms.length; i += direction) {
    collected.push(...(terms[i] as string[]));
    if (collected.length >= size) break;
  }
  return collected;
}
