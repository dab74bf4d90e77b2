/**
 * Structured JSON logs, one line each. Pass `jobId` in the fields of anything job-related so a
 * job's whole story can be pulled out of the logs with one filter.
 *
 * @example
 * log.info("stage finished", { jobId, stage: "probe", durationMs: 120 });
 */
type Fields = Record<string, unknown>;

function write(level: "debug" | "info" | "warn" | "error", msg: string, fields: Fields): void {
  const line = JSON.stringify({ at: new Date().toISOString(), level, component: "media-worker", msg, ...fields });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields: Fields = {}) => process.env.LOG_LEVEL === "debug" && write("debug", msg, fields),
  info: (msg: string, fields: Fields = {}) => write("info", msg, fields),
  warn: (msg: string, fields: Fields = {}) => write("warn", msg, fields),
  error: (msg: string, fields: Fields = {}) => write("error", msg, fields),
};
