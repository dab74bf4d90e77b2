import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/** Where the API answers: a miss under these is a problem+json 404, never a page of the web app. */
const apiPaths = /^\/(v1|internal|health)(\/|$)/;

/**
 * Whether a request without a route of its own is one for the web app's static assets (the app,
 * its scripts and styles, the API reference's script). Every request reaches the Worker first
 * (wrangler.toml's `run_worker_first`), so the assets get the security headers too.
 *
 * @example
 * app.notFound((c) => (isWebAppRequest(c) ? c.env.ASSETS.fetch(c.req.raw) : problem404(c)));
 */
export function isWebAppRequest(c: Context<AppEnv>): boolean {
  return (c.req.method === "GET" || c.req.method === "HEAD") && !apiPaths.test(c.req.path);
}
