import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyMigrations } from "../../db/migrate.ts";
import { buildWebApp } from "../web/build-web.ts";
import { ManagedChild } from "./child-process.ts";
import { mediaWorkerEnv, portVariables, projectRoot, type StackConfig, type StackPort, workerEnv } from "./config.ts";
import { CronTicker } from "./cron-ticker.ts";
import { assertPortsFree, type PortClaim } from "./free-ports.ts";
import { log } from "./log.ts";
import { NeonWebSocketBridge } from "./neon-ws-bridge.ts";
import { LocalPostgres } from "./postgres.ts";
import { LocalS3Server } from "./s3-server.ts";
import { SmtpSink } from "./smtp-sink.ts";
import { httpChild, type StackPart } from "./stack-part.ts";
import { StartupFailure } from "./startup-failure.ts";

export type StackPartName = "postgres" | "s3" | "neonBridge" | "smtp" | "mediaWorker" | "api" | "cron";
export type StackOptions = { mediaWorker?: boolean; api?: boolean };

const quietWrangler = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  NO_COLOR: "1",
};

const startOrder = ["postgres", "s3", "neonBridge", "smtp", "mediaWorker", "api", "cron"] as const;

/**
 * The whole local stack: PostgreSQL, the S3 server, the Neon bridge, the SMTP sink, the media
 * worker and `wrangler dev`. Parts start in dependency order and stop in reverse; a part can be stopped
 * and started on its own (the readiness test stops the S3 server). When one cannot start, the
 * ones already started are stopped and a `StartupFailure` names it.
 */
export class LocalStack {
  readonly parts: Partial<Record<StackPartName, StackPart>> = {};
  private readonly started: StackPartName[] = [];

  constructor(
    readonly config: StackConfig,
    options: StackOptions = {},
  ) {
    const logDir = join(config.dataDir, "logs");
    this.parts.postgres = new LocalPostgres(config);
    this.parts.s3 = new LocalS3Server(config);
    this.parts.neonBridge = new NeonWebSocketBridge(
      config.ports.neonBridge,
      new Set([`127.0.0.1:${config.ports.postgres}`]),
    );
    this.parts.smtp = new SmtpSink(config.ports.smtp, join(config.dataDir, "mail"));
    if (options.mediaWorker !== false) {
      const child = new ManagedChild(
        {
          name: "media-worker",
          command: process.execPath,
          args: ["--import", "tsx", join(projectRoot, "media-worker/src/main.ts")],
          env: mediaWorkerEnv(config),
          cwd: projectRoot,
          restartWhenDead: true,
        },
        logDir,
      );
      this.parts.mediaWorker = httpChild(
        child,
        "media worker",
        `http://127.0.0.1:${config.ports.mediaWorker}/health`,
        30_000,
      );
    }
    if (options.api !== false) {
      const envFile = join(config.dataDir, "worker.env");
      const child = new ManagedChild(
        {
          name: "wrangler",
          command: process.execPath,
          args: [
            join(projectRoot, "node_modules/wrangler/bin/wrangler.js"),
            "dev",
            "--local",
            "--ip",
            "127.0.0.1",
            "--port",
            String(config.ports.api),
            "--inspector-port",
            String(config.ports.api + 1000),
            "--env-file",
            envFile,
            "--persist-to",
            join(config.dataDir, "wrangler"),
            "--show-interactive-dev-session=false",
            "--log-level",
            "info",
          ],
          env: quietWrangler,
          cwd: projectRoot,
        },
        logDir,
      );
      const part = httpChild(child, "wrangler dev", `${this.apiUrl}/health`, 90_000);
      this.parts.api = {
        ...part,
        start: async () => {
          // wrangler serves worker/public as the static assets: the web app must be built first.
          await buildWebApp();
          const lines = Object.entries(workerEnv(config)).map(([key, value]) => `${key}=${value}`);
          writeFileSync(envFile, `${lines.join("\n")}\n`, { mode: 0o600 });
          chmodSync(envFile, 0o600);
          return part.start();
        },
        get running() {
          return part.running;
        },
      };
      this.parts.cron = new CronTicker(this.apiUrl);
    }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.config.ports.api}`;
  }

  async start(): Promise<void> {
    const names = startOrder.filter((name) => this.parts[name]);
    for (const name of names) await this.parts[name]!.stopLeftover?.();
    await assertPortsFree(names.flatMap((name) => this.portClaims(name)));
    for (const name of names) {
      const part = this.parts[name]!;
      log("starting", { part: name });
      // Counted before it is up, so a part that fails half-way is stopped with the others.
      this.started.push(name);
      try {
        await part.start();
        if (name === "postgres") await applyMigrations(this.config.database.url);
      } catch (error) {
        log("start failed", { part: name, error: error instanceof Error ? error.message : String(error) });
        await this.stop();
        throw StartupFailure.from(name, error, part.logFile ? `read ${part.logFile}` : "read the log lines above");
      }
    }
  }

  private portClaims(name: StackPartName): PortClaim[] {
    if (!(name in portVariables)) return [];
    const { variable } = portVariables[name as StackPort];
    const port = this.config.ports[name as StackPort];
    // wrangler's inspector sits 1000 above the API port, the SMTP sink's control API above its port.
    const ports = name === "api" || name === "smtp" ? [port, port + 1000] : [port];
    return ports.map((port) => ({ part: name, port, variable }));
  }

  async stop(): Promise<void> {
    for (const name of this.started.splice(0).reverse()) {
      await this.parts[name]?.stop().catch((error: Error) => log("stop failed", { part: name, error: error.message }));
    }
  }
}
