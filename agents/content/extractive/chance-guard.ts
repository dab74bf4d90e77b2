import { optimalSegmentation, type SegmentationProblem } from "./optimal-segmentation.ts";
import { segmentCosts } from "./segment-likelihood.ts";

/**
 * How many shuffled copies of the lecture a segmentation must beat. Each shuffle is one draw
 * of "the same words with no topic order", so beating all seven leaves at most a one-in-eight
 * chance that structureless speech gets chapters.
 */
const shuffles = 7;

/**
 * The boundaries that say more than chance. The gain of a segmentation is how much cheaper
 * the words code in its chapters than in one (./segment-likelihood.ts); sentences shuffled
 * into a random order keep every word but lose the topics, so the best gain the same number
 * of chapters reaches on a shuffled copy is what chance alone buys. While the boundaries do
 * not beat every shuffled copy, the one whose removal loses least goes. A lecture about one
 * thing thus keeps a single chapter, which no segmentation can beat on Pk: the guard against
 * chapters worse than none. Deterministic: the shuffles are seeded.
 *
 * @example
 * beyondChance({ size, cost, allowed }, terms, [12, 24]) // [12, 24] for three topics; [] for one
 */
export function beyondChance(
  problem: SegmentationProblem,
  terms: readonly (readonly string[])[],
  boundaries: readonly number[],
): number[] {
  let kept = [...boundaries];
  while (kept.length > 0 && gain(problem.cost, problem.size, kept) <= chanceGain(problem, terms, kept.length + 1)) {
    kept = withoutWeakest(problem, kept);
  }
  return kept;
}

/** The best gain `count` chapters reach on any of the shuffled copies (one cost table in memory at a time). */
function chanceGain(problem: SegmentationProblem, terms: readonly (readonly string[])[], count: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (let seed = 1; seed <= shuffles; seed++) {
    const cost = segmentCosts(shuffled(terms, seed));
    best = Math.max(best, gain(cost, problem.size, optimalSegmentation({ ...problem, cost }, { count })));
  }
  return best;
}

/** How much cheaper the units code in the segments opened at `boundaries` than in one. */
function gain(cost: SegmentationProblem["cost"], size: number, boundaries: readonly number[]): number {
  const starts = [0, ...boundaries];
  const split = starts.reduce((sum, first, i) => sum + cost(first, starts[i + 1] ?? size), 0);
  return cost(0, size) - split;
}

function withoutWeakest(problem: SegmentationProblem, boundaries: readonly number[]): number[] {
  const remaining = boundaries.map((_, i) => boundaries.filter((_, j) => j !== i));
  const gains = remaining.map((rest) => gain(problem.cost, problem.size, rest));
  return remaining[gains.indexOf(Math.max(...gains))] ?? [];
}

/** A Fisher–Yates shuffle driven by a seeded linear congruential generator. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = Math.floor((state / 2 ** 32) * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
