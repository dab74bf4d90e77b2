import { createRoute } from "@hono/zod-openapi";
import { deleteJob } from "../../jobs/delete-job.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { jobIdParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Jobs"],
  summary: "Delete a job and everything it produced",
  description:
    "Cancels the job if it is still queued or running, deletes its outputs and checkpoints from storage and then " +
    "the job itself. The uploaded lecture is kept. Deleting again (or a job that is not yours) answers 204 and changes nothing. " +
    "409 `job_stopping` (with Retry-After) while the media worker has not yet been told to stop: nothing is deleted then.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: { params: jobIdParams },
  responses: { 204: { description: "The job is gone." }, ...problemResponses(400, 401, 403, 409) },
});

export const remove = createRouter().openapi(route, async (c) => {
  await deleteJob(c.env, c.var.db(), c.var.auth, c.req.valid("param").id);
  return c.body(null, 204);
});
