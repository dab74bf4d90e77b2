import { createRoute } from "@hono/zod-openapi";
import { and, desc, eq, ilike, type SQL, sql } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { capacityWaits } from "../../jobs/capacity-queue.ts";
import { readJobListCursor, signJobListCursor } from "../../jobs/list-cursor.ts";
import { jobOutputs } from "../../jobs/results.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { jobList, listJobsQuery } from "./schemas.ts";
import { toJobView } from "./view.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Jobs"],
  summary: "List the organization's jobs, newest first",
  description:
    "Cursor pagination: pass `nextCursor` back as `cursor` until it is null. Filter with `status`, search names with `q`.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { query: listJobsQuery },
  responses: { 200: jsonContent(jobList, "A page of jobs."), ...problemResponses(400, 401, 403) },
});

export const list = createRouter().openapi(route, async (c) => {
  const { status, limit, cursor, q } = c.req.valid("query");
  const conditions: SQL[] = [eq(schema.jobs.organizationId, c.var.auth.organizationId)];
  if (status) conditions.push(eq(schema.jobs.status, status));
  if (q) conditions.push(ilike(schema.jobs.name, `%${q.replace(/[\\%_]/g, "\\$&")}%`));
  if (cursor) {
    const after = await readJobListCursor(c.env.JWT_SECRET, c.var.auth.organizationId, cursor);
    // Row comparison keeps the order total when two jobs share a timestamp.
    conditions.push(
      sql`(${schema.jobs.createdAt}, ${schema.jobs.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const rows = await c.var
    .db()
    .select()
    .from(schema.jobs)
    .where(and(...conditions))
    .orderBy(desc(schema.jobs.createdAt), desc(schema.jobs.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? await signJobListCursor(c.env.JWT_SECRET, c.var.auth.organizationId, {
          createdAt: last.createdAt.toISOString(),
          id: last.id,
        })
      : null;
  const waits = await capacityWaits(c.var.db(), page);
  const views = page.map(async (job) => toJobView(job, waits.get(job.id) ?? null, await jobOutputs(c.env, job)));
  return c.json({ jobs: await Promise.all(views), nextCursor }, 200);
});
