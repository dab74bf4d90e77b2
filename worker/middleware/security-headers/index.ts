import { createMiddleware } from "hono/factory";
import type { AppEnv, Env } from "../../env.ts";

/** The paths whose page cannot do without inline styles: the API reference injects its own. */
const inlineStylePaths = new Set(["/docs"]);

/**
 * The Content-Security-Policy of our pages: scripts only from our origin (no inline script, no
 * eval), media, images and uploads also from the storage origin the presigned URLs point at, no
 * plugins, no framing. The web app sets positions through the CSSOM, so only the API reference
 * needs `'unsafe-inline'` styles.
 *
 * @example
 * contentSecurityPolicy("https://acct.r2.cloudflarestorage.com", { inlineStyles: false });
 * // "default-src 'self'; script-src 'self'; …; frame-ancestors 'none'"
 */
export function contentSecurityPolicy(storageOrigin: string, options: { inlineStyles: boolean }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${options.inlineStyles ? " 'unsafe-inline'" : ""}`,
    `img-src 'self' data: blob: ${storageOrigin}`,
    `media-src 'self' blob: ${storageOrigin}`,
    `connect-src 'self' ${storageOrigin}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Every header the middleware sets on a response to `path`. */
export function securityHeaders(
  env: Pick<Env, "S3_ENDPOINT" | "HSTS_MAX_AGE_SECONDS">,
  path: string,
): Record<string, string> {
  const hstsMaxAge = Number(env.HSTS_MAX_AGE_SECONDS);
  return {
    "content-security-policy": contentSecurityPolicy(new URL(env.S3_ENDPOINT).origin, {
      inlineStyles: inlineStylePaths.has(path),
    }),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    ...(hstsMaxAge > 0 ? { "strict-transport-security": `max-age=${hstsMaxAge}; includeSubDomains` } : {}),
  };
}

/**
 * Security headers on every response: the API's, the web app's assets (the Worker serves them,
 * since the policy names the storage origin, which is per-environment configuration) and the API
 * reference. HSTS only where `HSTS_MAX_AGE_SECONDS` is set (production): locally the app is
 * plain http. A WebSocket upgrade keeps the headers it has.
 *
 * @example
 * app.use(securityHeadersMiddleware());
 */
export function securityHeadersMiddleware() {
  return createMiddleware<AppEnv>(async (c, next) => {
    await next();
    if (c.res.status === 101) return;
    // A response fetched from elsewhere (the assets binding) has immutable headers: a copy has not.
    c.res = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(securityHeaders(c.env, c.req.path))) c.res.headers.set(name, value);
  });
}
