import { z } from "@hono/zod-openapi";
import { jobStatuses } from "../../../agents/contracts/job.ts";
import { problemSchema } from "../../openapi/responses.ts";
import { maxMonthsPerRequest, monthPattern } from "../../usage/months.ts";

const month = z
  .string()
  .regex(monthPattern, "a month as YYYY-MM")
  .openapi({ description: "A calendar month in UTC, `YYYY-MM`.", example: "2026-12" });

export const usageQuery = z.strictObject({
  from: month.optional().openapi({ description: "First month, included; default five months before `to`." }),
  to: month.optional().openapi({
    description: `Last month, included; default the current month. At most ${maxMonthsPerRequest} months in all.`,
  }),
});

const limitsBody = {
  monthlyMinutes: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .nullable()
    .openapi({ description: "Lecture minutes per month; null is unlimited.", example: 600 }),
  monthlyCostUsd: z
    .number()
    .positive()
    .max(1_000_000)
    .nullable()
    .openapi({ description: "AI cost in USD per month; null is unlimited.", example: 25 }),
};

export const usageLimitsBody = z.strictObject(limitsBody).openapi("UsageLimitsInput");

export const usageLimitsView = z
  .object({
    ...limitsBody,
    resetsAt: z.iso.datetime().openapi({ description: "When this month's usage starts again from zero (UTC)." }),
  })
  .openapi("UsageLimits");

const monthUsage = z
  .object({
    month: z.string().openapi({ example: "2026-12" }),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime().openapi({ description: "The next month's start: the month is [startsAt, endsAt)." }),
    minutesProcessed: z.number().openapi({ description: "Length of the lectures of the completed jobs, in minutes." }),
    aiCostUsd: z.number().openapi({ description: "What the AI calls of the month's jobs cost, in USD." }),
    jobs: z
      .object({ total: z.number().int(), ...Object.fromEntries(jobStatuses.map((s) => [s, z.number().int()])) })
      .openapi({ description: "The month's jobs by their current status." }),
  })
  .openapi("MonthUsage");

export const usageReport = z
  .object({ from: z.string(), to: z.string(), months: z.array(monthUsage), limits: usageLimitsView })
  .openapi("UsageReport");

/** The 429 of `POST /v1/jobs` once a limit is reached: the problem with the limit's members. */
export const usageLimitProblem = problemSchema
  .extend({
    limit: z.enum(["monthly_minutes", "monthly_cost_usd"]),
    allowed: z.number().openapi({ description: "The monthly limit, in minutes or USD." }),
    used: z.number().openapi({ description: "This month's usage so far, in the same unit." }),
    resetsAt: z.iso.datetime().openapi({ description: "When the month ends (UTC) and jobs start again." }),
  })
  .openapi("UsageLimitProblem");
