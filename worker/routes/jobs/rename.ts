import { createRoute } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { NotFoundError } from "../../errors/problem.ts";
import { jobOutputs } from "../../jobs/results.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { jobIdParams, jobView, updateJobBody } from "./schemas.ts";
import { toJobView } from "./view.ts";

const route = createRoute({
  method: "patch",
  path: "/{id}",
  tags: ["Jobs"],
  summary: "Rename a job",
  description: "Sets the lecture's name, which starts as the uploaded file's name without its extension.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: {
    params: jobIdParams,
    body: { content: { "application/json": { schema: updateJobBody } }, required: true },
  },
  responses: { 200: jsonContent(jobView, "The renamed job."), ...problemResponses(400, 401, 403, 404) },
});

export const rename = createRouter().openapi(route, async (c) => {
  const { name } = c.req.valid("json");
  const [job] = await c.var
    .db()
    .update(schema.jobs)
    .set({ name })
    .where(and(eq(schema.jobs.id, c.req.valid("param").id), eq(schema.jobs.organizationId, c.var.auth.organizationId)))
    .returning();
  if (!job) throw new NotFoundError("job");
  return c.json(toJobView(job, null, await jobOutputs(c.env, job)), 200);
});
