import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { requireAllowedWebhookUrl } from "../../webhooks/url-safety.ts";
import { jobSettingsBody } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/validate",
  tags: ["Jobs"],
  summary: "Check a job's options before uploading",
  description:
    "Applies the checks of `POST /v1/jobs` to the options, webhook URL and metadata alone, so a client can refuse a " +
    "bad option before it uploads a whole lecture. 204 when they would be accepted; otherwise the same problem " +
    "`POST /v1/jobs` would answer (400 `validation_failed` naming the fields, 422 `unknown_field`).",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: jsonBody(jobSettingsBody),
  responses: { 204: { description: "The options would be accepted." }, ...problemResponses(400, 401, 403, 422) },
});

export const validate = createRouter().openapi(route, async (c) => {
  const { webhookUrl } = c.req.valid("json");
  if (webhookUrl) requireAllowedWebhookUrl(c.env, webhookUrl, "webhookUrl");
  return c.body(null, 204);
});
