import { createRoute } from "@hono/zod-openapi";
import { capacityWait } from "../../jobs/capacity-queue.ts";
import { jobOutputs } from "../../jobs/results.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams, jobView } from "./schemas.ts";
import { toJobView } from "./view.ts";

const route = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Jobs"],
  summary: "Get a job",
  description:
    "Status, current stage, overall progress, per-stage status and timings, attempt, error, and whether (and behind " +
    "how many jobs) it waits for a free media worker. The same state the progress stream shows.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { params: jobIdParams },
  responses: { 200: jsonContent(jobView, "The job."), ...problemResponses(400, 401, 403, 404) },
});

export const get = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  return c.json(toJobView(job, await capacityWait(c.var.db(), job), await jobOutputs(c.env, job)), 200);
});
