import { Hono } from "hono";
import { bearerMatches } from "../../agents/contracts/constant-time.ts";
import { memoryNonceStore } from "../../agents/contracts/internal-auth.ts";
import type { MediaWorkerConfig } from "./config.ts";
import type { JobManager } from "./intake/job-manager.ts";
import { mountJobRoutes } from "./intake/jobs-routes.ts";
import { registry } from "./metrics.ts";

export type MediaWorkerState = { draining: boolean };

/** The media worker's HTTP surface; job intake mounts onto this app. */
export function createApp(config: MediaWorkerConfig, state: MediaWorkerState, jobs?: JobManager): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: state.draining ? "draining" : "ok" }, state.draining ? 503 : 200));
  app.get("/metrics", async (c) => {
    if (!bearerMatches(c.req.header("authorization"), config.METRICS_TOKEN))
      return c.json({ error: "unauthorized" }, 401);
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
  if (jobs) {
    const nonces = memoryNonceStore();
    mountJobRoutes(app, { secret: config.MEDIA_WORKER_SECRET, nonces, jobs, isDraining: () => state.draining });
  }
  return app;
}
