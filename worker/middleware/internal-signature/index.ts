import { createMiddleware } from "hono/factory";
import { INTERNAL_SIGNATURE_HEADER, verifyInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import type { AppEnv } from "../../env.ts";
import { ProblemError } from "../../errors/problem.ts";

/**
 * Admits only requests signed by our media workers (HMAC over a timestamp and the exact body,
 * see agents/contracts/internal-auth.ts). It reads the raw body before any validator parses it:
 * the signature covers the bytes as sent, and Hono serves the later JSON parse from this read.
 *
 * @example
 * createRoute({ method: "post", path: "/{id}/events", middleware: [internalSignature()] as const, ... })
 */
export function internalSignature() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const body = await c.req.text();
    const verified = await verifyInternalRequest(
      c.env.MEDIA_WORKER_SECRET,
      body,
      c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null,
    );
    if (!verified.ok) throw new ProblemError(401, "invalid_signature", `The request signature is ${verified.reason}.`);
    await next();
  });
}
