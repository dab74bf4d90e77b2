import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";

export type LogLine = {
  level: "info" | "warn" | "error";
  msg: "request";
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
};

/** Share links carry their credential in the path itself. */
const sharedToken = /^(\/s\/|\/v1\/shared\/)[^/]+/;

/**
 * One structured JSON line per request. Only the path is logged (query strings can carry
 * tickets and presigned signatures), with a share link's token left out, and never a header.
 *
 * @example
 * app.use(requestId(), logger());
 */
export function logger(write: (line: LogLine) => void = (line) => console.log(JSON.stringify(line))) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = Date.now();
    await next();
    const status = c.res.status;
    write({
      level: status >= 500 ? "error" : status >= 400 ? "warn" : "info",
      msg: "request",
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path.replace(sharedToken, "$1{token}"),
      status,
      durationMs: Date.now() - started,
    });
  });
}
