import { Hono } from "hono";
import { INTERNAL_SIGNATURE_HEADER, verifyInternalRequest } from "../../../agents/contracts/internal-auth.ts";
import { WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import type { AppEnv } from "../../env.ts";
import { ProblemError, ValidationError } from "../../errors/problem.ts";
import { applyWorkerEvent } from "../../jobs/apply-event.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { publishJobUpdate } from "../../jobs/room.ts";

/**
 * `POST /internal/jobs/:id/events`: progress, stage, completion and failure reports from the
 * media worker. Signed with the shared secret over a timestamp and the exact body; replays
 * outside the window are refused, and one inside it is a duplicate report that changes nothing.
 */
export const jobEvents = new Hono<AppEnv>().post("/:id/events", async (c) => {
  const body = await c.req.text();
  const verified = await verifyInternalRequest(
    c.env.MEDIA_WORKER_SECRET,
    body,
    c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null,
  );
  if (!verified.ok) throw new ProblemError(401, "invalid_signature", `The request signature is ${verified.reason}.`);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new ValidationError([{ path: "", message: "body is not JSON" }]);
  }
  const event = WorkerEvent.safeParse(json);
  if (!event.success)
    throw new ValidationError(event.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  if (event.data.jobId !== c.req.param("id"))
    throw new ValidationError([{ path: "jobId", message: "does not match the URL" }]);

  const result = await applyWorkerEvent(c.var.db(), event.data, Number(c.env.JOB_LEASE_SECONDS));
  if (result.applied) {
    if (result.requeue) await enqueueJob(c.env, c.var.db(), result.job);
    await publishJobUpdate(c.env, result.job, result.message);
  }
  return c.json(result.applied ? { applied: true } : { applied: false, reason: result.reason });
});
