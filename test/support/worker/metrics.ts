import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../../worker/app.ts";

/**
 * The app with an Analytics Engine dataset that keeps what it is given. Locally wrangler's
 * dataset binding accepts points and keeps none (nothing can read them back), so the tests
 * that look at points swap only the binding; routing, handlers and the database stay real.
 *
 * @example
 * const metrics = appWithMetrics();
 * await metrics.request(`${apiBase}/health`);
 * metrics.points; // [{ blobs: ["request", "/health", "GET", "2xx"], ... }]
 */
export function appWithMetrics() {
  const app = createApp();
  const points: AnalyticsEngineDataPoint[] = [];
  const METRICS = { writeDataPoint: (point?: AnalyticsEngineDataPoint) => point && points.push(point) };
  return {
    points,
    /** One request through the app; resolves once its `waitUntil` work is done too. */
    async request(url: string, init?: RequestInit): Promise<Response> {
      const ctx = createExecutionContext();
      const response = await app.request(url, init, { ...env, METRICS }, ctx);
      await waitOnExecutionContext(ctx);
      return response;
    },
    /** The points of one kind (`request`, `stage`, `job`). */
    of: (kind: string) => points.filter((point) => point.blobs?.[0] === kind),
  };
}
