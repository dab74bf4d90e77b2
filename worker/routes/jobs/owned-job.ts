import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../../db/client.ts";
import type { Owner } from "../../auth/caller.ts";
import { NotFoundError } from "../../errors/problem.ts";
import type { JobRow } from "../../jobs/snapshot.ts";

/**
 * The job of the request's organization, or 404: another organization's job id looks exactly
 * like one that does not exist. What the caller may do with it is `authorize()`'s business.
 *
 * @example
 * const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
 */
export async function findOwnedJob(db: Database, owner: Owner, jobId: string): Promise<JobRow> {
  const [job] = await db
    .select()
    .from(schema.jobs)
    .where(and(eq(schema.jobs.id, jobId), eq(schema.jobs.organizationId, owner.organizationId)));
  if (!job) throw new NotFoundError("job");
  return job;
}
