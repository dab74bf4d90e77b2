import { Hono } from "hono";
import type { MediaWorkerConfig } from "./config.ts";
import { registry } from "./metrics.ts";

export type MediaWorkerState = { draining: boolean };

/** The media worker's HTTP surface; job intake mounts onto this app. */
export function createApp(_config: MediaWorkerConfig, state: MediaWorkerState): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: state.draining ? "draining" : "ok" }, state.draining ? 503 : 200));
  app.get("/metrics", async (c) => c.body(await registry.metrics(), 200, { "content-type": registry.contentType }));
  return app;
}
