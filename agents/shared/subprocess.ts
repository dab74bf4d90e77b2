import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { groupEnded, groupStarted } from "./process-groups.ts";

export type CommandResult = { stdout: string; stderr: string };

export type CommandOptions = {
  /** Wall-clock limit: the guard against a command that hangs without using the CPU. */
  timeoutMs: number;
  /**
   * CPU time the command may use (user + system, read from /proc each second). Unlike wall
   * time, a busy machine does not stretch it, so a recognizer that shares its cores with other
   * work is not killed for being slow, only one that spins.
   */
  cpuTimeoutMs?: number;
  /**
   * Cancel, a stage timeout or shutdown: the command's whole process group is killed at once.
   */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onStdout?: (text: string) => void;
};

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
const ticksPerSecond = 100;

/** User plus system CPU milliseconds of a process, or null once it is gone (or without /proc). */
export function cpuTimeMs(pid: number): number | null {
  try {
    // Fields after the command name, which may contain spaces: state is the 3rd, utime the 14th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return null;
  }
}

const abortReason = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new DOMException("command aborted", "AbortError");

/**
 * Runs a recognizer binary and collects its output; fails with the command's stderr when it
 * exits non-zero or cannot start, with the limit it broke when it outlives `timeoutMs` or uses
 * more than `cpuTimeoutMs` of CPU, and with the signal's reason when aborted.
 * The child leads its own process group so that killing it also kills anything it started
 * (a shell wrapper's children would otherwise outlive a cancelled job).
 *
 * @example
 * const { stdout } = await runCommand("tesseract", ["slide.png", "stdout"], { timeoutMs: 30_000, signal });
 */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const pgid = child.pid;
    if (pgid !== undefined) groupStarted(pgid, command);
    let brokenLimit: string | null = null;
    const killGroup = () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    };
    const onAbort = () => killGroup();
    signal?.addEventListener("abort", onAbort, { once: true });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      brokenLimit = `ran longer than ${options.timeoutMs / 1000} s`;
      killGroup();
    }, options.timeoutMs);
    const { cpuTimeoutMs } = options;
    const cpuWatch =
      cpuTimeoutMs === undefined || pgid === undefined
        ? undefined
        : setInterval(() => {
            const used = cpuTimeMs(pgid);
            if (used === null || used <= cpuTimeoutMs) return;
            brokenLimit = `used more than ${cpuTimeoutMs / 1000} s of CPU`;
            killGroup();
          }, 1000);
    const settle = () => {
      if (pgid !== undefined) groupEnded(pgid);
      clearTimeout(timer);
      clearInterval(cpuWatch);
      signal?.removeEventListener("abort", onAbort);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk.toString("utf8"));
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      settle();
      reject(new Error(`${command} could not start: ${error.message}`));
    });
    child.on("close", (code, exitSignal) => {
      settle();
      if (signal?.aborted) return reject(abortReason(signal));
      const result = { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
      if (code === 0) return resolve(result);
      const why = brokenLimit ?? (exitSignal ? `was killed (${exitSignal})` : `exited with ${code}`);
      reject(new Error(`${command} ${why}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}
