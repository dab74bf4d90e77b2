import { expect } from "vitest";

/**
 * Asserts that a failure message a user reads (job error, event, webhook) is a sentence about
 * their file: no scratch paths (they carry the media worker's PID), no pointer addresses, no raw
 * ffmpeg lines (`[mov,mp4,… @ 0x55d…]`).
 *
 * @example
 * expectPlainMessage(failure.message);
 */
export function expectPlainMessage(message: string) {
  expect(message.length).toBeLessThanOrEqual(200);
  expect(message).not.toMatch(/\/(tmp|scratch|var|home|root)\b|lh-scratch|0x[0-9a-f]{4,}|\[[a-z0-9_,]+ @|\bpid\b/i);
  expect(message).not.toMatch(/\n/);
}
