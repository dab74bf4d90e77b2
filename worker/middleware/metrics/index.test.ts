import { describe, expect, it } from "vitest";
import { apiBase } from "../../../test/support/worker/accounts.ts";
import { appWithMetrics } from "../../../test/support/worker/metrics.ts";

describe("requestMetrics", () => {
  it("records the route pattern, never the raw path, with method, status and latency", async () => {
    const metrics = appWithMetrics();
    const jobId = crypto.randomUUID();
    await metrics.request(`${apiBase}/health`);
    await metrics.request(`${apiBase}/v1/jobs/${jobId}?token=secret`);
    await metrics.request(`${apiBase}/v1/jobs/${jobId}/results`, { method: "GET" });
    await metrics.request(`${apiBase}/v1/no/such/${jobId}`);
    const rows = metrics.of("request").map((point) => [point.blobs, point.doubles?.[0]]);
    expect(rows).toEqual([
      [["request", "/health", "GET", "2xx"], 200],
      [["request", "/v1/jobs/:id", "GET", "4xx"], 401],
      [["request", "/v1/jobs/:id/results", "GET", "4xx"], 401],
      [["request", "(unmatched)", "GET", "4xx"], 404],
    ]);
    expect(JSON.stringify(metrics.points)).not.toContain(jobId);
    for (const point of metrics.of("request")) {
      expect(point.indexes).toEqual([point.blobs?.[1]]);
      expect(point.doubles?.[1]).toBeGreaterThanOrEqual(0);
    }
  });

  it("names the route a request was bound for when a middleware answered first (a body over the limit)", async () => {
    const metrics = appWithMetrics();
    const response = await metrics.request(`${apiBase}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x@example.com", password: "p".repeat(100_000) }),
    });
    expect(response.status).toBe(413);
    expect(metrics.of("request").map((point) => point.blobs)).toEqual([["request", "/v1/auth/login", "POST", "4xx"]]);
  });
});
