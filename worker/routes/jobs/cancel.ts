import { createRoute } from "@hono/zod-openapi";
import { cancelJob } from "../../jobs/cancel-job.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams, jobView } from "./schemas.ts";
import { toJobView } from "./view.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/cancel",
  tags: ["Jobs"],
  summary: "Cancel a job",
  description:
    "Stops a queued or running job; the media worker is told and stops. Cancelling again is harmless; a finished job answers 409 `job_finished`.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: { params: jobIdParams },
  responses: { 200: jsonContent(jobView, "The cancelled job."), ...problemResponses(400, 401, 403, 404, 409) },
});

export const cancel = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  const cancelled = await cancelJob(c.env, c.var.db(), job);
  return c.json(toJobView(cancelled), 200);
});
