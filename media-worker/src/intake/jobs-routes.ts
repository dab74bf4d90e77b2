import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import {
  authenticateInternalCall,
  INTERNAL_SIGNATURE_HEADER,
  type NonceStore,
} from "../../../agents/contracts/internal-auth.ts";
import { INTERNAL_BODY_LIMIT_BYTES, JobSpec } from "../../../agents/contracts/media-protocol.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { JobManager } from "./job-manager.ts";

export type IntakeDeps = {
  secret: string;
  /** Nonces of accepted calls: a second copy of a signed dispatch or cancel is refused. */
  nonces: NonceStore;
  jobs: JobManager;
  isDraining: () => boolean;
  retryAfterSeconds?: number;
};

/**
 * Reads the raw body and authenticates it (signature over method, path, query and body; the
 * path's and body's job and attempt equal the signed ones; a fresh nonce). Null when refused.
 */
async function signedCall(c: Context, deps: IntakeDeps): Promise<{ body: string; attempt: number } | null> {
  const body = await c.req.text();
  const check = await authenticateInternalCall(
    deps.secret,
    { method: c.req.method, target: c.req.url, body },
    c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null,
    { nonces: deps.nonces, pathJobId: c.req.param("id") },
  );
  if (!check.ok) log.warn("internal request refused", { path: c.req.path, reason: check.reason });
  return check.ok ? { body, attempt: check.claims.attempt } : null;
}

/**
 * `POST /jobs` (202 accepted or duplicate, 409 superseded for an attempt older than the one
 * running, 503 + Retry-After when every slot is taken or the worker is draining) and `POST /jobs/:id/cancel` (404 when not running here, 409 when the attempt it names
 * was superseded), both signed by the Worker with the shared secret, each call accepted once.
 *
 * @example
 * mountJobRoutes(app, { secret: config.MEDIA_WORKER_SECRET, jobs, isDraining: () => state.draining });
 */
export function mountJobRoutes(app: Hono, deps: IntakeDeps): void {
  const busy = (c: Context, reason: string) => {
    metrics.jobsRejectedBusy.inc();
    c.header("Retry-After", String(deps.retryAfterSeconds ?? 30));
    return c.json({ error: reason }, 503);
  };

  // Before the signature check, which reads the body: Content-Length first, then while streaming.
  const limit = bodyLimit({
    maxSize: INTERNAL_BODY_LIMIT_BYTES,
    onError: (c) => c.json({ error: `body exceeds ${INTERNAL_BODY_LIMIT_BYTES} bytes` }, 413),
  });
  app.use("/jobs", limit);
  app.use("/jobs/*", limit);

  app.post("/jobs", async (c) => {
    const call = await signedCall(c, deps);
    if (call === null) return c.json({ error: "unauthorized" }, 401);
    if (deps.isDraining()) return busy(c, "draining");
    // The signature check already parsed it as JSON naming the signed job.
    const spec = JobSpec.safeParse(JSON.parse(call.body));
    if (!spec.success) return c.json({ error: "invalid job spec", issues: spec.error.issues }, 400);
    const outcome = deps.jobs.tryStart(spec.data);
    if (outcome === "busy") return busy(c, "at capacity");
    if (outcome === "accepted") metrics.jobsAccepted.inc();
    // The Worker has moved on from this attempt: it must not count as running anywhere.
    if (outcome === "superseded") return c.json({ jobId: spec.data.jobId, status: outcome }, 409);
    return c.json({ jobId: spec.data.jobId, status: outcome }, 202);
  });

  app.post("/jobs/:id/cancel", async (c) => {
    const call = await signedCall(c, deps);
    if (call === null) return c.json({ error: "unauthorized" }, 401);
    const outcome = deps.jobs.cancel(c.req.param("id"), call.attempt);
    if (outcome === "missing") return c.json({ error: "no such running job" }, 404);
    if (outcome === "superseded") return c.json({ status: outcome }, 409);
    return c.json({ status: outcome }, 202);
  });
}
