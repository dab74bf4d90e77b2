import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { log } from "./log.ts";
import { RestartBackoff } from "./restart-backoff.ts";
import { StartupFailure } from "./startup-failure.ts";

export type ChildSpec = {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Signal that asks this program for a clean, quick shutdown. */
  stopSignal?: NodeJS.Signals;
  /** Start it again, with backoff, whenever it dies without being asked to stop (as a fleet would). */
  restartWhenDead?: boolean;
};

/**
 * A long-running program of the stack. Its output goes to `<logDir>/<name>.log` so the
 * launcher's own output stays readable; the tail of that log is shown when it dies early.
 *
 * Each child leads its own process group (wrangler starts workerd beneath it) and leaves a pid
 * file: if the launcher itself is killed, the next start finds the orphaned group and stops it
 * before taking the same ports. With `restartWhenDead` a program that dies is started again
 * after a backoff, logging one line each time.
 */
export class ManagedChild {
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);
  readonly logFile: string;
  private readonly pidFile: string;
  private readonly backoff = new RestartBackoff();
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly spec: ChildSpec,
    logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
    this.logFile = join(logDir, `${spec.name}.log`);
    this.pidFile = join(logDir, `${spec.name}.pid`);
  }

  async start(): Promise<void> {
    await this.stopLeftover();
    const options: SpawnOptions = {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ["ignore", "pipe", "pipe"],
      uid: this.spec.uid,
      gid: this.spec.gid,
      detached: true,
    };
    const child = spawn(this.spec.command, this.spec.args, options);
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", (error) =>
        reject(
          new StartupFailure(this.spec.name, `${this.spec.command} cannot be run (${error.message})`, "install it"),
        ),
      );
    });
    child.on("error", (error) => log("process error", { name: this.spec.name, error: error.message }));
    writeFileSync(this.pidFile, String(child.pid));
    const out = createWriteStream(this.logFile, { flags: "a" });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    this.child = child;
    this.backoff.started();
    this.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        out.end();
        rmSync(this.pidFile, { force: true });
        if (this.child === child) {
          this.child = null;
          this.onDeath(code, signal);
        }
        resolve(code);
      });
    });
  }

  private onDeath(code: number | null, signal: NodeJS.Signals | null): void {
    if (!this.spec.restartWhenDead) {
      log("process exited", { name: this.spec.name, code, signal });
      return;
    }
    const delayMs = this.backoff.nextDelayMs();
    log("process died; restarting", { name: this.spec.name, code, signal, inSeconds: delayMs / 1000 });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start().catch((error: Error) => {
        log("restart failed", { name: this.spec.name, error: error.message });
        this.onDeath(null, null);
      });
    }, delayMs);
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  /** Asks the program to stop, and kills it if it has not stopped after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    this.child = null;
    signalGroup(child.pid, this.spec.stopSignal ?? "SIGTERM");
    const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
    signalGroup(child.pid, "SIGKILL");
  }

  /** Stops a process group this child left behind when a previous launcher died. */
  async stopLeftover(): Promise<void> {
    if (!existsSync(this.pidFile)) return;
    const pid = Number(readFileSync(this.pidFile, "utf8"));
    rmSync(this.pidFile, { force: true });
    if (!Number.isInteger(pid) || pid <= 1 || !commandLine(pid).includes(this.spec.command)) return;
    log("stopping a process left over from an earlier run", { name: this.spec.name, pid });
    signalGroup(pid, this.spec.stopSignal ?? "SIGTERM");
    await waitFor(`${this.spec.name} (leftover) to exit`, async () => !commandLine(pid), 15_000).catch(() =>
      signalGroup(pid, "SIGKILL"),
    );
  }
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** The command line of a live process, or "" when there is none (pids get reused). */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/** Polls `check` until it resolves true, or fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000} s`);
}
