import { createRoute } from "@hono/zod-openapi";
import { JobNotCompletedError } from "../../errors/problem.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createShare } from "../../shares/shares.ts";
import { findOwnedJob } from "../jobs/owned-job.ts";
import { jobIdParams } from "../jobs/schemas.ts";
import { createdShareView, createShareBody, publicShare } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/shares",
  tags: ["Sharing"],
  summary: "Create a public link to a completed job's results",
  description:
    "Anyone with the link sees the results read-only, without an account, until it expires or is revoked. " +
    "The answer is the only one with the token and the URL. 409 `job_not_completed` before the job completed.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: { params: jobIdParams, ...jsonBody(createShareBody) },
  responses: {
    201: jsonContent(createdShareView, "The new link."),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const create = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  if (job.status !== "completed") throw new JobNotCompletedError(job.status);
  const { share, token } = await createShare(c.var.db(), job.id, c.req.valid("json").expiresInHours, c.var.auth.userId);
  const url = new URL(`/s/${token}`, c.env.PUBLIC_BASE_URL).toString();
  return c.json({ ...publicShare(share), token, url }, 201);
});
