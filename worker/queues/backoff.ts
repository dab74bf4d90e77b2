import { backoffCeiling } from "../../agents/contracts/retry.ts";

/**
 * Exponential backoff with ±25% jitter for queue retries: `baseSeconds` after the first try,
 * doubling each time, the doubling capped at `maxSeconds` (jitter may add a quarter on top).
 * The jitter spreads retries of many messages that failed together; at ±25% each delay is still
 * longer than the one before it until the cap.
 *
 * @example
 * backoffSeconds(3, { baseSeconds: 5, maxSeconds: 300 }); // 20 ± 5
 */
export function backoffSeconds(
  attemptsMade: number,
  { baseSeconds, maxSeconds }: { baseSeconds: number; maxSeconds: number },
  random = Math.random,
): number {
  const base = backoffCeiling(attemptsMade, baseSeconds, maxSeconds);
  return Math.round(base * (0.75 + random() * 0.5));
}
