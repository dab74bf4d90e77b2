import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";
import { ProblemError } from "../../errors/problem.ts";

/**
 * Serves a route group only on the internal hostname (`INTERNAL_BASE_URL`): on the public
 * origin its paths answer 404 as if they did not exist. Cloudflare routes a request to this
 * Worker by its hostname, so a caller on the public edge cannot reach these paths by setting a
 * Host header; the internal hostname is the one to put behind Cloudflare Access or mTLS. The
 * signature stays the authentication: this only keeps the surface off the public API.
 *
 * @example
 * createRouter().use("*", internalHost()).route("/jobs", jobEvents);
 */
export function internalHost() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const internal = c.env.INTERNAL_BASE_URL ? new URL(c.env.INTERNAL_BASE_URL).host : null;
    if (new URL(c.req.url).host !== internal)
      throw new ProblemError(404, "not_found", `No route for ${c.req.method} ${c.req.path}.`);
    await next();
  });
}
