import { spawn } from "node:child_process";

export type CommandResult = { stdout: string; stderr: string };

/**
 * Runs a recognizer binary and collects its output; fails with the command's stderr when it
 * exits non-zero, cannot start or outlives `timeoutMs`.
 *
 * @example
 * const { stdout } = await runCommand("tesseract", ["slide.png", "stdout"], { timeoutMs: 30_000 });
 */
export function runCommand(
  command: string,
  args: string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv; onStdout?: (text: string) => void },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk.toString("utf8"));
    });
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
      if (code === 0) return resolve(result);
      const why = signal ? `was killed (${signal})` : `exited with ${code}`;
      reject(new Error(`${command} ${why}: ${result.stderr.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}
