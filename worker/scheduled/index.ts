import type { Env } from "../env.ts";
import { enqueueUnsentJobs, recoverExpiredLeases } from "../jobs/leases.ts";
import { Bucket } from "../storage/bucket.ts";
import { expireAbandonedUploads } from "../uploads/discard.ts";
import { withDatabase } from "../with-database.ts";

/**
 * The every-minute cron: recovers jobs whose lease expired, sends jobs the queue never got, and
 * discards uploads left pending past their expiry.
 */
export async function runScheduledTasks(
  _controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  await withDatabase(env, ctx, async (db) => {
    const leases = await recoverExpiredLeases(env, db);
    const unsent = await enqueueUnsentJobs(env, db);
    const uploads = await expireAbandonedUploads(db, new Bucket(env));
    console.log(JSON.stringify({ level: "info", msg: "scheduled tasks", ...leases, unsent, uploads }));
  });
}
