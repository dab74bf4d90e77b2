import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { ManagedChild, waitFor } from "./child-process.ts";
import type { StackConfig } from "./config.ts";
import { log } from "./log.ts";
import { postgresBinDir } from "./system-packages.ts";

/**
 * A private PostgreSQL cluster under the data folder, listening on 127.0.0.1 only. PostgreSQL
 * refuses to run as root, so under root the cluster belongs to Debian's `postgres` account.
 */
export class LocalPostgres {
  private readonly clusterDir: string;
  private readonly bin: string;
  private readonly owner: { uid: number; gid: number } | null;
  private readonly child: ManagedChild;

  constructor(private readonly config: StackConfig) {
    const bin = postgresBinDir();
    if (!bin) throw new Error("PostgreSQL server binaries not found (apt-get install postgresql)");
    this.bin = bin;
    this.clusterDir = join(config.dataDir, "postgres");
    this.owner = process.getuid?.() === 0 ? accountIds("postgres") : null;
    this.child = new ManagedChild(
      {
        name: "postgres",
        command: join(bin, "postgres"),
        args: [
          "-D",
          this.clusterDir,
          "-p",
          String(config.ports.postgres),
          "-c",
          "listen_addresses=127.0.0.1",
          "-c",
          "unix_socket_directories=",
          "-c",
          "max_connections=200",
          "-c",
          "fsync=off",
        ],
        ...(this.owner ?? {}),
        stopSignal: "SIGINT",
      },
      join(config.dataDir, "logs"),
    );
  }

  async start(): Promise<void> {
    if (!existsSync(join(this.clusterDir, "PG_VERSION"))) this.initCluster();
    await this.child.start();
    await waitFor("PostgreSQL", () => this.canConnect(), 30_000).catch((error) => {
      throw new Error(`${error.message}\n${this.child.logTail()}`);
    });
    await this.ensureDatabase();
  }

  stop(): Promise<void> {
    return this.child.stop();
  }

  get running(): boolean {
    return this.child.running;
  }

  private initCluster(): void {
    rmSync(this.clusterDir, { recursive: true, force: true });
    mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    const passwordFile = join(this.config.dataDir, "postgres.pw");
    writeFileSync(passwordFile, this.config.database.password, { mode: 0o600 });
    if (this.owner) {
      chownSync(this.clusterDir, this.owner.uid, this.owner.gid);
      chownSync(passwordFile, this.owner.uid, this.owner.gid);
    }
    log("initializing PostgreSQL cluster", { dir: this.clusterDir });
    try {
      execFileSync(
        join(this.bin, "initdb"),
        [
          "-D",
          this.clusterDir,
          "-U",
          this.config.database.user,
          `--pwfile=${passwordFile}`,
          "--auth-host=scram-sha-256",
          "--auth-local=scram-sha-256",
          "--encoding=UTF8",
          "--locale=C",
        ],
        { stdio: ["ignore", "ignore", "pipe"], ...(this.owner ?? {}) },
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  private async canConnect(): Promise<boolean> {
    if (!this.child.running) throw new Error(`PostgreSQL exited\n${this.child.logTail()}`);
    const client = this.adminClient();
    await client.connect();
    await client.end();
    return true;
  }

  private async ensureDatabase(): Promise<void> {
    const client = this.adminClient();
    await client.connect();
    try {
      const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [
        this.config.database.name,
      ]);
      if (rowCount === 0) await client.query(`create database "${this.config.database.name}"`);
    } finally {
      await client.end();
    }
  }

  private adminClient(): pg.Client {
    const { user, password } = this.config.database;
    return new pg.Client({ host: "127.0.0.1", port: this.config.ports.postgres, user, password, database: "postgres" });
  }
}

function accountIds(name: string): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`PostgreSQL cannot run as root and there is no "${name}" account (apt-get install postgresql)`);
  }
}
