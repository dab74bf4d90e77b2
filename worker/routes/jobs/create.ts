import { createRoute, z } from "@hono/zod-openapi";
import { createJob } from "../../jobs/create-job.ts";
import { enforceRateLimit } from "../../limits/rules.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses, problemSchema } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { requireAccountSecret } from "../../webhooks/account-secret.ts";
import { requireAllowedWebhookUrl } from "../../webhooks/url-safety.ts";
import { usageLimitProblem } from "../usage/schemas.ts";
import { createJobBody, jobView } from "./schemas.ts";
import { toJobView } from "./view.ts";

export const jobLimits = { createPerUser: { name: "job-create", limit: 30, windowSeconds: 60 } };

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["Jobs"],
  summary: "Start a job from a completed upload",
  description:
    "Answers 202 with the queued job. With an `Idempotency-Key` header, repeating the same request returns the same " +
    "job; the same key with another body answers 422 `idempotency_key_reused`. A `webhookUrl` needs the account's " +
    "signing secret (`POST /v1/webhooks/account-secret`), else 409 `account_secret_missing`. Once this month's " +
    "usage reaches a monthly limit (`PUT /v1/usage/limits`), new jobs answer 429 `usage_limit_reached` with the " +
    "`limit`, its `allowed` amount, the `used` amount and `resetsAt`; a repeated key still returns its job.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: {
    headers: z.object({
      "idempotency-key": z
        .string()
        .min(1)
        .max(255)
        .regex(/^[\x21-\x7e]+$/)
        .optional(),
    }),
    ...jsonBody(createJobBody),
  },
  responses: {
    202: jsonContent(jobView, "The job, queued (or the earlier job for a repeated key)."),
    ...problemResponses(400, 401, 403, 404, 409, 422),
    429: {
      description:
        "Rate limited (`rate_limited`), or a monthly usage limit is reached (`usage_limit_reached`); see `Retry-After`.",
      content: { "application/problem+json": { schema: z.union([problemSchema, usageLimitProblem]) } },
    },
  },
});

export const create = createRouter().openapi(route, async (c) => {
  const { uploadId, options, webhookUrl, metadata } = c.req.valid("json");
  const idempotencyKey = c.req.valid("header")["idempotency-key"];
  if (webhookUrl) {
    requireAllowedWebhookUrl(c.env, webhookUrl, "webhookUrl");
    await requireAccountSecret(c.var.db(), c.var.auth.organizationId);
  }
  await enforceRateLimit(c.env, jobLimits.createPerUser, c.var.auth.userId);
  const { job } = await createJob(c.env, c.var.db(), {
    actor: c.var.auth,
    uploadId,
    options: options ?? {},
    webhookUrl,
    metadata,
    idempotencyKey,
  });
  return c.json(toJobView(job), 202);
});
