import { createRoute, z } from "@hono/zod-openapi";
import { WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import type { Env } from "../../env.ts";
import { applyWorkerEvent } from "../../jobs/apply-event.ts";
import { mediaFleet } from "../../jobs/media-fleet.ts";
import { renewLease } from "../../jobs/renew-lease.ts";
import { internalSignature } from "../../middleware/internal-signature/index.ts";
import { stagePoint, writeMetric } from "../../observability/metrics.ts";
import { jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { drainOutbox } from "../../outbox/drain.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/events",
  tags: ["Internal"],
  summary: "Report job progress (media worker only)",
  description:
    "Heartbeat, progress, stage, completion and failure reports from the media worker, served on the internal " +
    "hostname only and signed with the shared secret (v2: method, path, query, body hash, job, attempt, timestamp " +
    "and nonce; see agents/contracts/internal-auth.ts). A call for another job than the path's, a second copy of a " +
    "call and one older than five minutes are refused; a new report of an event already applied (same job, attempt " +
    "and seq) changes nothing. A heartbeat only extends the running attempt's lease (and keeps the job's container " +
    "awake).",
  middleware: [internalSignature()] as const,
  request: {
    params: z.object({ id: z.string().uuid() }),
    ...jsonBody(WorkerEvent),
  },
  responses: {
    200: jsonContent(
      z.object({ applied: z.boolean(), reason: z.string().optional() }),
      "Whether the report changed the job.",
    ),
    ...problemResponses(400, 401),
  },
});

async function keepAwake(env: Env, jobId: string): Promise<void> {
  await mediaFleet(env)
    .keepAwake(jobId)
    .catch((error: Error) =>
      console.warn(JSON.stringify({ level: "warn", msg: "keep-awake failed", jobId, error: error.message })),
    );
}

export const jobEvents = createRouter().openapi(route, async (c) => {
  // internalSignature() has checked that the event's job is the path's.
  const event = c.req.valid("json");
  const leaseSeconds = Number(c.env.JOB_LEASE_SECONDS);
  const result =
    event.type === "heartbeat"
      ? await renewLease(c.var.db(), event, leaseSeconds)
      : await applyWorkerEvent(c.var.db(), event, leaseSeconds);
  if (!result.applied) return c.json({ applied: false, reason: result.reason }, 200);
  // The container's own idle timer knows nothing of the job: only requests renew it.
  if (event.type === "heartbeat") await keepAwake(c.env, event.jobId);
  // Applied means first seen: a stage reported twice is measured once.
  if (event.type === "stage") writeMetric(c.env, stagePoint(event));
  await drainOutbox(c.env, c.var.db(), { ids: result.outbox });
  return c.json({ applied: true }, 200);
});
