import { createRoute, z } from "@hono/zod-openapi";
import { WorkerEvent } from "../../../agents/contracts/media-protocol.ts";
import { ValidationError } from "../../errors/problem.ts";
import { applyWorkerEvent } from "../../jobs/apply-event.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { publishJobUpdate } from "../../jobs/publish-job-update.ts";
import { internalSignature } from "../../middleware/internal-signature/index.ts";
import { jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { recordJobFinished } from "../../webhooks/record-job-finished.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/events",
  tags: ["Internal"],
  summary: "Report job progress (media worker only)",
  description:
    "Progress, stage, completion and failure reports from the media worker, signed with the shared secret " +
    "(`x-lh-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t.body>`). Replays outside five minutes are refused; " +
    "one inside is a duplicate (same job, attempt and seq) and changes nothing.",
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

export const jobEvents = createRouter().openapi(route, async (c) => {
  const event = c.req.valid("json");
  if (event.jobId !== c.req.valid("param").id)
    throw new ValidationError([{ path: "jobId", message: "does not match the URL" }]);
  const result = await applyWorkerEvent(c.var.db(), event, Number(c.env.JOB_LEASE_SECONDS));
  if (!result.applied) return c.json({ applied: false, reason: result.reason }, 200);
  if (result.requeue) await enqueueJob(c.env, c.var.db(), result.job);
  await publishJobUpdate(c.env, result.job, result.message);
  if (result.job.status === "completed" || result.job.status === "failed") {
    await recordJobFinished(c.env, c.var.db(), result.job, event.type === "completed" ? event.manifest : undefined);
  }
  return c.json({ applied: true }, 200);
});
