/**
 * A part of the stack that could not start: which part, why, and what the user can do about it.
 * The launcher prints its message as its last line and exits non-zero.
 *
 * @example
 * throw new StartupFailure("s3", "port 127.0.0.1:9400 is already in use", "set LH_S3_PORT to a free port");
 * // message: "s3 cannot start: port 127.0.0.1:9400 is already in use. Fix: set LH_S3_PORT to a free port"
 */
export class StartupFailure extends Error {
  constructor(
    readonly part: string,
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`${part} cannot start: ${reason}. Fix: ${fix}`);
    this.name = "StartupFailure";
  }

  /**
   * Names the part an unexpected error came from, keeping only its first line (the details,
   * such as a log tail, belong in the log, not in the one-line verdict).
   *
   * @example
   * StartupFailure.from("api", new Error("wrangler dev exited:\n…"), "read .data/logs/wrangler.log").message;
   * // "api cannot start: wrangler dev exited. Fix: read .data/logs/wrangler.log"
   */
  static from(part: string, error: unknown, fix: string): StartupFailure {
    if (error instanceof StartupFailure) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new StartupFailure(part, message.split("\n")[0]!.replace(/[:.]$/, ""), fix);
  }
}

/**
 * Ends the process with the one-line verdict a person reads last: which part, why, what to do
 * (or, for an error no part claimed, what failed).
 *
 * @example
 * await stack.start().catch(exitWithVerdict);
 */
export function exitWithVerdict(error: unknown): never {
  const verdict = error instanceof StartupFailure ? error.message : `the launcher failed: ${(error as Error).message}`;
  process.stderr.write(`${verdict}\n`);
  process.exit(1);
}
