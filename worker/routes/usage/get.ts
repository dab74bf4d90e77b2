import { createRoute } from "@hono/zod-openapi";
import { ProblemError } from "../../errors/problem.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { monthlyUsage } from "../../usage/aggregate.ts";
import { readLimits, resetOf } from "../../usage/limits.ts";
import { addMonths, maxMonthsPerRequest, monthOf, monthsBetween } from "../../usage/months.ts";
import { usageOwnerOf } from "../../usage/owner.ts";
import type { UsageReport } from "../../usage/report.ts";
import { usageQuery, usageReport } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Usage"],
  summary: "Minutes processed, jobs by outcome and AI cost per month",
  description:
    "The organization's usage (the `Lh-Organization` header, else the personal one); any member may read it. " +
    "Counts each job in the UTC month it was started, whoever of the members started it. Minutes are the lengths of the lectures of completed jobs; " +
    "AI cost is what the pipeline's AI calls cost for them. Every month of the range is listed, oldest first. " +
    `Default: the current month and the five before it; at most ${maxMonthsPerRequest} months. A \`from\` after ` +
    "`to` or a longer range answers 422 `invalid_month_range`; an unknown parameter 422 `unknown_field`.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { query: usageQuery },
  responses: { 200: jsonContent(usageReport, "Usage per month."), ...problemResponses(400, 401, 403, 422) },
});

export const get = createRouter().openapi(route, async (c) => {
  const now = new Date();
  const query = c.req.valid("query");
  const to = query.to ?? monthOf(now);
  const from = query.from ?? addMonths(to, -5);
  const count = monthsBetween(from, to).length;
  if (count === 0 || count > maxMonthsPerRequest) {
    throw new ProblemError(
      422,
      "invalid_month_range",
      `Ask for 1 to ${maxMonthsPerRequest} months with \`from\` not after \`to\` (got ${from} to ${to}).`,
    );
  }
  const owner = usageOwnerOf(c.var.auth);
  const db = c.var.db();
  const [months, limits] = await Promise.all([monthlyUsage(db, owner, from, to), readLimits(db, owner)]);
  const report: UsageReport = { from, to, months, limits: { ...limits, resetsAt: resetOf(now).toISOString() } };
  return c.json(report, 200);
});
