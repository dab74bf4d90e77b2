import { serve } from "@hono/node-server";
import { createApp, type MediaWorkerState } from "./app.ts";
import { loadConfig } from "./config.ts";
import { log } from "./log.ts";

const config = loadConfig();
const state: MediaWorkerState = { draining: false };
const app = createApp(config, state);

const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) =>
  log.info("listening", { host: info.address, port: info.port, concurrency: config.CONCURRENCY }),
);

/**
 * Container hosts send SIGTERM and then SIGKILL after a grace period: stop taking jobs at
 * once (health turns 503 so the Worker routes elsewhere), let running work checkpoint, exit.
 */
async function shutdown(signal: string): Promise<void> {
  if (state.draining) return;
  state.draining = true;
  log.info("shutting down", { signal });
  server.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
