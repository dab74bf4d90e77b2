import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { PipelineAgents } from "../../agents/contracts/pipeline-agents.ts";
import { killOrphanGroups, recordProcessGroupsIn } from "../../agents/shared/process-groups.ts";
import { createApp, type MediaWorkerState } from "./app.ts";
import type { MediaWorkerConfig } from "./config.ts";
import { JobManager } from "./intake/job-manager.ts";
import { log } from "./log.ts";
import { measureScratch } from "./metrics.ts";
import { stageTimeouts } from "./pipeline/context.ts";
import { ObjectStore } from "./storage/object-store.ts";
import { removeDeadScratchDirs } from "./storage/scratch.ts";

export type MediaWorker = {
  url: string;
  state: MediaWorkerState;
  jobs: JobManager;
  /** Stops taking jobs, aborts running ones, waits for them to settle; resolves before the grace ends. */
  shutdown(reason: string): Promise<void>;
};

/**
 * Starts the media worker's HTTP server with its job manager.
 *
 * @example
 * const worker = await startMediaWorker(loadConfig(), agents);
 * process.on("SIGTERM", () => worker.shutdown("SIGTERM").then(() => process.exit(0)));
 */
export async function startMediaWorker(config: MediaWorkerConfig, agents: PipelineAgents): Promise<MediaWorker> {
  // Recognizers of a media worker that was SIGKILLed on this disk would otherwise run on.
  const groupsDir = join(config.SCRATCH_DIR, "process-groups");
  const orphans = killOrphanGroups(groupsDir);
  if (orphans.length > 0) log.warn("killed recognizers left by an earlier media worker", { groups: orphans });
  const leftovers = await removeDeadScratchDirs(config.SCRATCH_DIR);
  if (leftovers.length > 0) log.warn("removed scratch left by an earlier media worker", { dirs: leftovers });
  recordProcessGroupsIn(groupsDir);
  measureScratch(config.SCRATCH_DIR);
  const store = new ObjectStore({
    endpoint: config.S3_ENDPOINT,
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
  });
  const jobs = new JobManager({
    store,
    agents,
    settings: {
      maxDurationSeconds: config.MAX_DURATION_SECONDS,
      stageTimeoutSeconds: stageTimeouts(config.STAGE_TIMEOUT_SECONDS),
    },
    scratchRoot: config.SCRATCH_DIR,
    concurrency: config.CONCURRENCY,
    secret: config.MEDIA_WORKER_SECRET,
  });
  const state: MediaWorkerState = { draining: false };
  const app = createApp(config, state, jobs);
  const server = await new Promise<Server>((resolve) => {
    const listening = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, () =>
      resolve(listening as Server),
    );
  });
  const { port } = server.address() as AddressInfo;
  log.info("listening", { host: config.HOST, port, concurrency: config.CONCURRENCY });
  let stopping: Promise<void> | null = null;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      // Health answers 503 from here on, so the Worker sends jobs elsewhere; the server stays
      // up until the end so that it can say so.
      state.draining = true;
      log.info("shutting down", { reason, running: jobs.inFlight });
      const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
      await jobs.shutdown(Math.max(0, graceMs - 2000), reason);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return stopping;
  };
  return { url: `http://${config.HOST}:${port}`, state, jobs, shutdown };
}

/** SIGTERM/SIGINT → graceful shutdown → exit 0; a second signal or the grace running out exits at once. */
export function exitOnSignals(worker: MediaWorker, graceSeconds: number): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (worker.state.draining) process.exit(1);
    setTimeout(() => process.exit(1), graceSeconds * 1000).unref();
    void worker.shutdown(signal).then(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
