import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { resetOf, writeLimits } from "../../usage/limits.ts";
import { usageOwnerOf } from "../../usage/owner.ts";
import { usageLimitsBody, usageLimitsView } from "./schemas.ts";

const route = createRoute({
  method: "put",
  path: "/limits",
  tags: ["Usage"],
  summary: "Set the monthly limits",
  description:
    "Replaces both limits; null leaves an amount unlimited. Once the month's usage reaches a limit, new jobs " +
    "answer 429 `usage_limit_reached` until the month ends (UTC) or the limit is raised. For the organization's " +
    "owners and admins, with their own token: an API key cannot raise the limits it is held to.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("usage:manage")] as const,
  request: jsonBody(usageLimitsBody),
  responses: { 200: jsonContent(usageLimitsView, "The limits now in force."), ...problemResponses(400, 401, 403, 422) },
});

export const setLimits = createRouter().openapi(route, async (c) => {
  const limits = await writeLimits(c.var.db(), usageOwnerOf(c.var.auth), c.req.valid("json"));
  return c.json({ ...limits, resetsAt: resetOf(new Date()).toISOString() }, 200);
});
