import { describe, expect, it } from "vitest";
import { MAX_DELIVERY_ATTEMPTS, webhookRetryDelaySeconds } from "./retry-schedule.ts";

const QUEUE_MAX_DELAY_SECONDS = 12 * 3600;

describe("webhook retry schedule", () => {
  it("spans about three days and never asks the queue for more than 12 hours", () => {
    const retries = Array.from({ length: MAX_DELIVERY_ATTEMPTS - 1 }, (_, i) => i + 1);
    for (const random of [() => 0, () => 0.5, () => 0.999999]) {
      const delays = retries.map((attempt) => webhookRetryDelaySeconds(attempt, random));
      const days = delays.reduce((sum, d) => sum + d, 0) / 86_400;
      expect(days).toBeGreaterThan(2);
      expect(days).toBeLessThan(4);
      expect(Math.max(...delays)).toBeLessThanOrEqual(QUEUE_MAX_DELAY_SECONDS);
    }
  });

  it("grows with every failure until the plateau, jitter included", () => {
    for (let attempt = 1; attempt < 10; attempt++) {
      expect(webhookRetryDelaySeconds(attempt + 1, () => 0)).toBeGreaterThan(
        webhookRetryDelaySeconds(attempt, () => 1),
      );
    }
  });
});
