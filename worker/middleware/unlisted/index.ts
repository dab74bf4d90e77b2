import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../env.ts";

/**
 * For what a share link opens: kept out of search engines and caches, and never named in a
 * Referer, since the URL itself is the credential. Set after the handler, so error answers
 * (the 404 of a dead link) carry them too.
 *
 * @example
 * app.use("/s/*", unlisted());
 */
export function unlisted() {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    c.header("x-robots-tag", "noindex, nofollow");
    c.header("referrer-policy", "no-referrer");
    c.header("cache-control", "no-store");
  });
}
