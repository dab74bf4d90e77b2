import type { Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { INTERNAL_SIGNATURE_HEADER, verifyInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import { INTERNAL_BODY_LIMIT_BYTES, JobSpec } from "../../../agents/contracts/media-protocol.ts";
import { log } from "../log.ts";
import { metrics } from "../metrics.ts";
import type { JobManager } from "./job-manager.ts";

export type IntakeDeps = { secret: string; jobs: JobManager; isDraining: () => boolean; retryAfterSeconds?: number };

/** Reads the raw body and checks its signature; null when the caller is not the Worker. */
async function signedBody(c: Context, secret: string): Promise<string | null> {
  const body = await c.req.text();
  const check = await verifyInternalRequest(secret, body, c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null);
  if (!check.ok) log.warn("unsigned internal request refused", { path: c.req.path, reason: check.reason });
  return check.ok ? body : null;
}

/** The attempt a cancel names in its body (`{ jobId, attempt }`); none for an empty body. */
function attemptOf(body: string): number | undefined {
  try {
    const attempt = (JSON.parse(body) as { attempt?: unknown }).attempt;
    return Number.isInteger(attempt) ? (attempt as number) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `POST /jobs` (202 accepted or duplicate, 409 superseded for an attempt older than the one
 * running, 503 + Retry-After when every slot is taken or the worker is draining) and `POST /jobs/:id/cancel` (404 when not running here, 409 when the attempt it names
 * was superseded), both signed by the Worker with the shared secret.
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
    const body = await signedBody(c, deps.secret);
    if (body === null) return c.json({ error: "unauthorized" }, 401);
    if (deps.isDraining()) return busy(c, "draining");
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return c.json({ error: "body is not JSON" }, 400);
    }
    const spec = JobSpec.safeParse(json);
    if (!spec.success) return c.json({ error: "invalid job spec", issues: spec.error.issues }, 400);
    const outcome = deps.jobs.tryStart(spec.data);
    if (outcome === "busy") return busy(c, "at capacity");
    if (outcome === "accepted") metrics.jobsAccepted.inc();
    // The Worker has moved on from this attempt: it must not count as running anywhere.
    if (outcome === "superseded") return c.json({ jobId: spec.data.jobId, status: outcome }, 409);
    return c.json({ jobId: spec.data.jobId, status: outcome }, 202);
  });

  app.post("/jobs/:id/cancel", async (c) => {
    const body = await signedBody(c, deps.secret);
    if (body === null) return c.json({ error: "unauthorized" }, 401);
    const outcome = deps.jobs.cancel(c.req.param("id"), attemptOf(body));
    if (outcome === "missing") return c.json({ error: "no such running job" }, 404);
    if (outcome === "superseded") return c.json({ status: outcome }, 409);
    return c.json({ status: outcome }, 202);
  });
}
