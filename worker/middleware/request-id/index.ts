import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";

const acceptable = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Gives every request an id, echoed in `x-request-id` and in every log line and problem body.
 * A well-formed id from the caller (or Cloudflare's `cf-ray`) is kept so traces join up.
 *
 * @example
 * app.use(requestId());
 * app.get("/", (c) => c.text(c.get("requestId")));
 */
export function requestId() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header("x-request-id") ?? c.req.header("cf-ray");
    const id = incoming && acceptable.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId", id);
    await next();
    c.header("x-request-id", id);
  });
}
