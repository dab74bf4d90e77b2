/** What the search needs: a segment's cost, and which segments are allowed at all. */
export type SegmentationProblem = {
  size: number;
  cost: (first: number, end: number) => number;
  allowed: (first: number, end: number) => boolean;
};

/**
 * The segmentation of `size` units minimising the summed segment costs by dynamic
 * programming, returned as the indices that open a new segment. With `count`, exactly that
 * many segments (fewer if the constraints allow no more); otherwise every segment also pays
 * `penalty`, the prior cost of one more boundary, so the number of segments follows the content.
 *
 * @example
 * optimalSegmentation({ size: 6, cost, allowed: () => true }, { penalty: 9 }) // [3]
 */
export function optimalSegmentation(
  problem: SegmentationProblem,
  choice: { penalty: number } | { count: number },
): number[] {
  const counted = "count" in choice;
  const layers = counted ? Math.max(1, Math.min(choice.count, problem.size)) : 1;
  const penalty = counted ? 0 : choice.penalty;
  // best[k][j]: cheapest coding of units [0, j) in k + 1 segments (one layer when the count is free).
  const best = Array.from({ length: layers }, () => new Float64Array(problem.size + 1).fill(Infinity));
  const back = Array.from({ length: layers }, () => new Int32Array(problem.size + 1));
  for (let end = 1; end <= problem.size; end++) {
    if (problem.allowed(0, end)) (best[0] as Float64Array)[end] = problem.cost(0, end) + penalty;
  }
  for (let k = counted ? 1 : 0; k < layers; k++) {
    const previous = best[counted ? k - 1 : 0] as Float64Array;
    const current = best[k] as Float64Array;
    for (let end = 1; end <= problem.size; end++) {
      for (let first = 1; first < end; first++) {
        if (!Number.isFinite(previous[first] as number) || !problem.allowed(first, end)) continue;
        const value = (previous[first] as number) + problem.cost(first, end) + penalty;
        if (value < (current[end] as number)) {
          current[end] = value;
          (back[k] as Int32Array)[end] = first;
        }
      }
    }
  }
  return trace(best, back, problem.size, counted);
}

function trace(best: Float64Array[], back: Int32Array[], size: number, counted: boolean): number[] {
  let k = counted ? best.findLastIndex((layer) => Number.isFinite(layer[size] as number)) : 0;
  if (k < 0) return [];
  const starts: number[] = [];
  for (let end = size; end > 0 && k >= 0; ) {
    const first = (back[k] as Int32Array)[end] as number;
    if (first > 0) starts.unshift(first);
    end = first;
    if (counted) k--;
  }
  return starts;
}
