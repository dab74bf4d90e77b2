/**
 * TextTiling's depth score for each point of a cohesion curve: how far it lies below the
 * highest peaks reachable by climbing left and right. Deep valleys are where the vocabulary
 * changes, that is, where topics change.
 *
 * @example
 * depthScores([0.8, 0.2, 0.7]) // [0, 1.1, 0]
 */
export function depthScores(cohesion: readonly number[]): number[] {
  return cohesion.map((value, i) => {
    let left = value;
    for (let j = i - 1; j >= 0 && (cohesion[j] as number) >= left; j--) left = cohesion[j] as number;
    let right = value;
    for (let j = i + 1; j < cohesion.length && (cohesion[j] as number) >= right; j++) right = cohesion[j] as number;
    return left - value + (right - value);
  });
}

/**
 * A moving average over `radius` points on each side (fewer at the ends), Hearst's smoothing
 * of the cohesion curve before depths are taken: without it every small dip counts as a valley.
 *
 * @example
 * smooth([0, 3, 0], 1) // [1.5, 1, 1.5]
 */
export function smooth(values: readonly number[], radius: number): number[] {
  return values.map((_, i) => {
    const window = values.slice(Math.max(0, i - radius), i + radius + 1);
    return window.reduce((a, b) => a + b, 0) / window.length;
  });
}
