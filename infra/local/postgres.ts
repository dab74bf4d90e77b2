import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { ManagedChild, waitFor } from "./child-process.ts";
import type { StackConfig } from "./config.ts";
import { log } from "./log.ts";
import { type ClusterPlace, clusterPlace } from "./postgres-cluster-place.ts";
import { StartupFailure } from "./startup-failure.ts";
import { postgresBinDir } from "./system-packages.ts";

/**
 * A private PostgreSQL cluster of the data folder, listening on 127.0.0.1 only (no Unix
 * socket). Under root it belongs to Debian's `postgres` account, in a folder that account can
 * reach (see `clusterPlace`).
 */
const hbaPath = (clusterDir: string) => join(clusterDir, "lh_hba.conf");

export class LocalPostgres {
  private readonly place: ClusterPlace;
  private readonly bin: string;
  private readonly child: ManagedChild;

  constructor(private readonly config: StackConfig) {
    const bin = postgresBinDir();
    if (!bin) {
      throw new StartupFailure(
        "postgres",
        "the PostgreSQL server binaries are not installed",
        "apt-get install postgresql (or point LH_POSTGRES_BIN at its bin folder)",
      );
    }
    this.bin = bin;
    this.place = clusterPlace(config.dataDir);
    this.child = new ManagedChild(
      {
        name: "postgres",
        command: join(bin, "postgres"),
        args: [
          "-D",
          this.place.dir,
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
          "-c",
          `hba_file=${hbaPath(this.place.dir)}`,
        ],
        ...this.place.owner,
        cwd: this.place.workDir,
        stopSignal: "SIGINT",
      },
      join(config.dataDir, "logs"),
    );
  }

  async start(): Promise<void> {
    if (!existsSync(join(this.place.dir, "PG_VERSION"))) this.initCluster();
    this.writeHbaFile();
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

  stopLeftover(): Promise<void> {
    return this.child.stopLeftover();
  }

  get logFile(): string {
    return this.child.logFile;
  }

  private initCluster(): void {
    const { dir, workDir, owner } = this.place;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const passwordFile = `${dir}.pw`;
    writeFileSync(passwordFile, this.config.database.password, { mode: 0o600 });
    if (owner) {
      chownSync(dir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    log("initializing PostgreSQL cluster", { dir });
    try {
      execFileSync(
        join(this.bin, "initdb"),
        [
          "-D",
          dir,
          "-U",
          this.config.database.user,
          `--pwfile=${passwordFile}`,
          "--auth-host=scram-sha-256",
          "--auth-local=scram-sha-256",
          "--encoding=UTF8",
          "--locale=C",
        ],
        { stdio: ["ignore", "ignore", "pipe"], cwd: workDir, ...owner },
      );
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split("\n").at(-1);
      throw new StartupFailure(
        "postgres",
        `initdb failed: ${stderr || (error as Error).message}`,
        `remove ${dir} and start again`,
      );
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  /**
   * Password auth on loopback, as Neon's proxy offers the serverless driver: the driver then
   * pipelines the password with the startup message instead of computing SCRAM's 4,096 HMAC
   * rounds in JavaScript on every request, which measured as most of a `GET /v1/jobs` under
   * load (6 req/s against 11 on the same stack). Rewritten on every start, so clusters made
   * before keep working; still loopback-only and with the generated password.
   */
  private writeHbaFile(): void {
    const path = hbaPath(this.place.dir);
    writeFileSync(path, "local all all scram-sha-256\nhost all all 127.0.0.1/32 password\n", { mode: 0o600 });
    if (this.place.owner) chownSync(path, this.place.owner.uid, this.place.owner.gid);
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
