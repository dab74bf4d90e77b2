import { and, eq } from "drizzle-orm";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { Bucket } from "../storage/bucket.ts";
import { cancelJob } from "./cancel-job.ts";

/**
 * Deletes the caller's job with everything it produced: a running job is cancelled first (the
 * media worker is told to stop), then every object under the job's prefix (checkpoints and
 * outputs) goes, then its row, which takes its events, outbox and deliveries with it. The
 * uploaded lecture stays: it belongs to the upload. Deleting a job that is not there (deleted
 * already, or never the caller's) changes nothing, so a retried delete is harmless.
 *
 * @example
 * await deleteJob(env, db, userId, jobId);
 */
export async function deleteJob(env: Env, db: Database, userId: string, jobId: string): Promise<void> {
  const owned = and(eq(schema.jobs.id, jobId), eq(schema.jobs.userId, userId));
  const [job] = await db.select().from(schema.jobs).where(owned);
  if (!job) return;
  if (job.status === "queued" || job.status === "processing") await cancelJob(env, db, job);
  const bucket = new Bucket(env);
  const keys: string[] = [];
  for await (const key of bucket.keysUnder(storageKeys.jobPrefix(job.id))) keys.push(key);
  await Promise.all(keys.map((key) => bucket.delete(key)));
  await db.delete(schema.jobs).where(owned);
}
