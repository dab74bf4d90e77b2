import { backoffSeconds } from "../queues/backoff.ts";

/**
 * One minute after the first failure, doubling to a plateau of 9.6 h (±25%, so never above the
 * queue's 12 h delay limit); 17 attempts span about three days before a delivery is given up.
 */
export const webhookBackoff = { baseSeconds: 60, maxSeconds: 34_560 };
export const MAX_DELIVERY_ATTEMPTS = 17;

/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 60 * 60 * 1000;

/**
 * Seconds until the next try after `attemptsMade` failed attempts.
 *
 * @example
 * webhookRetryDelaySeconds(1); // 45–75
 */
export function webhookRetryDelaySeconds(attemptsMade: number, random = Math.random): number {
  return backoffSeconds(attemptsMade, webhookBackoff, random);
}
