import type { Env } from "../env.ts";
import { recoverExpiredLeases } from "../jobs/leases.ts";
import { deleteExpiredNonces } from "../middleware/internal-signature/nonces.ts";
import { drainOutbox } from "../outbox/drain.ts";
import { Bucket } from "../storage/bucket.ts";
import { expireAbandonedUploads } from "../uploads/discard.ts";
import { resendDueDeliveries } from "../webhooks/resend-due.ts";
import { withDatabase } from "../with-database.ts";
import { pruneExpiredRows, retentionDays } from "./prune-expired.ts";

/**
 * The every-minute cron: recovers jobs whose lease expired, performs side effects left in the
 * outbox (a drain after a commit failed or never ran), discards uploads left pending past their expiry,
 * re-sends webhook deliveries whose queue message was lost, forgets expired internal-call nonces,
 * and prunes rows past their retention (a bounded batch per table and run).
 */
export async function runScheduledTasks(
  _controller: ScheduledController,
  env: Env,
  ctx: ExecutionContext,
): Promise<void> {
  await withDatabase(env, ctx, async (db) => {
    const leases = await recoverExpiredLeases(env, db);
    const outbox = await drainOutbox(env, db);
    const uploads = await expireAbandonedUploads(db, new Bucket(env));
    const webhooksResent = await resendDueDeliveries(env, db);
    const noncesExpired = await deleteExpiredNonces(db);
    const pruned = await pruneExpiredRows(db, retentionDays(env));
    console.log(
      JSON.stringify({
        level: "info",
        msg: "scheduled tasks",
        ...leases,
        outbox,
        uploads,
        webhooksResent,
        noncesExpired,
        pruned,
      }),
    );
  });
}
