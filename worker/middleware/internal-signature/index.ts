import { createMiddleware } from "hono/factory";
import { authenticateInternalCall, INTERNAL_SIGNATURE_HEADER } from "../../../agents/contracts/internal-auth.ts";
import type { AppEnv } from "../../env.ts";
import { ProblemError } from "../../errors/problem.ts";
import { postgresNonceStore } from "./nonces.ts";

/**
 * Admits only requests signed by our media workers (v2, see agents/contracts/internal-auth.ts):
 * the signature covers method, path, query and body; the path's `:id` and the body's job and
 * attempt must be the signed ones; each nonce is accepted once. It reads the raw body before any
 * validator parses it: the signature covers the bytes as sent, and Hono serves the later JSON
 * parse from this read.
 *
 * @example
 * createRoute({ method: "post", path: "/{id}/events", middleware: [internalSignature()] as const, ... })
 */
export function internalSignature() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const body = await c.req.text();
    const verified = await authenticateInternalCall(
      c.env.MEDIA_WORKER_SECRET,
      { method: c.req.method, target: c.req.url, body },
      c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null,
      { nonces: postgresNonceStore(c.var.db()), pathJobId: c.req.param("id") },
    );
    if (!verified.ok) throw new ProblemError(401, "invalid_signature", `The request signature is ${verified.reason}.`);
    await next();
  });
}
