import { and, eq, sql } from "drizzle-orm";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Owner } from "../auth/caller.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { Bucket } from "../storage/bucket.ts";
import { cancelJob } from "./cancel-job.ts";

/**
 * Deletes the organization's job with everything it produced: a running job is cancelled first (the
 * media worker is told to stop), then every object under the job's prefixes (checkpoints and
 * outputs, `storageKeys.jobPrefixes`) goes, then its row, which takes its events, outbox and deliveries with it. The
 * uploaded lecture stays: it belongs to the upload. Deleting a job that is not there (deleted
 * already, or never the organization's) changes nothing, so a retried delete is harmless.
 *
 * While the media worker has not yet been told to stop (the cancel failed and waits in the
 * outbox for its retry), nothing is deleted: the row's cascade would drop that retry with it,
 * and the attempt would run on and write objects under a job that no longer exists.
 *
 * @example
 * await deleteJob(env, db, c.var.auth, jobId);
 */
export async function deleteJob(env: Env, db: Database, owner: Owner, jobId: string): Promise<void> {
  const owned = and(eq(schema.jobs.id, jobId), eq(schema.jobs.organizationId, owner.organizationId));
  const [job] = await db.select().from(schema.jobs).where(owned);
  if (!job) return;
  if (job.status === "queued" || job.status === "processing") await cancelJob(env, db, job);
  const [pending] = await db
    .select({ id: schema.outbox.id })
    .from(schema.outbox)
    .where(and(eq(schema.outbox.jobId, job.id), sql`${schema.outbox.effect}->>'kind' = 'cancel_attempt'`))
    .limit(1);
  if (pending)
    throw new ProblemError(409, "job_stopping", "The job is still being stopped; try deleting it again in a minute.", {
      headers: { "retry-after": "60" },
    });
  const bucket = new Bucket(env);
  const keys: string[] = [];
  for (const prefix of storageKeys.jobPrefixes(job.id)) {
    for await (const key of bucket.keysUnder(prefix)) keys.push(key);
  }
  await Promise.all(keys.map((key) => bucket.delete(key)));
  await db.delete(schema.jobs).where(owned);
}
