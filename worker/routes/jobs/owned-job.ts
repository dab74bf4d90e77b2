import { and, eq } from "drizzle-orm";
import { type Database, schema } from "../../../db/client.ts";
import { NotFoundError } from "../../errors/problem.ts";
import type { JobRow } from "../../jobs/snapshot.ts";

/** The caller's job, or 404: another account's job id looks exactly like one that does not exist. */
export async function findOwnedJob(db: Database, userId: string, jobId: string): Promise<JobRow> {
  const [job] = await db
    .select()
    .from(schema.jobs)
    .where(and(eq(schema.jobs.id, jobId), eq(schema.jobs.userId, userId)));
  if (!job) throw new NotFoundError("job");
  return job;
}
