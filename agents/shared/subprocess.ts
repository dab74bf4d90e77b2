import { spawn } from "node:child_process";
import { groupEnded, groupStarted } from "./process-groups.ts";

export type CommandResult = { stdout: string; stderr: string };

export type CommandOptions = {
  timeoutMs: number;
  /**
   * Cancel, a stage timeout or shutdown: the command's whole process group is killed at once.
   */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  onStdout?: (text: string) => void;
};

const abortReason = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new DOMException("command aborted", "AbortError");

/**
 * Runs a recognizer binary and collects its output; fails with the command's stderr when it
 * exits non-zero, cannot start or outlives `timeoutMs`, and with the signal's reason when aborted.
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
    const timer = setTimeout(killGroup, options.timeoutMs);
    const settle = () => {
      if (pgid !== undefined) groupEnded(pgid);
      clearTimeout(timer);
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
      const why = exitSignal ? `was killed (${exitSignal})` : `exited with ${code}`;
      reject(new Error(`${command} ${why}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}
