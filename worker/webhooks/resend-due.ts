import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { queueDeliveries } from "./queue-deliveries.ts";

/** A due delivery's message should have been consumed well within this; past it, it was lost. */
const LOST_MESSAGE_GRACE_MS = 5 * 60_000;

/**
 * Re-sends pending deliveries whose attempt is overdue and that no consumer holds: their queue
 * message was never sent (the send after the row's commit failed) or was lost. Marks them due
 * now, so the next run leaves them alone while the new message is on its way.
 *
 * @example
 * const resent = await resendDueDeliveries(env, db); // in the every-minute cron
 */
export async function resendDueDeliveries(
  env: Pick<Env, "WEBHOOKS_QUEUE">,
  db: Database,
  now = new Date(),
): Promise<number> {
  const d = schema.webhookDeliveries;
  const overdue = await db
    .select({ id: d.id })
    .from(d)
    .where(
      and(
        eq(d.status, "pending"),
        lt(d.nextAttemptAt, new Date(now.getTime() - LOST_MESSAGE_GRACE_MS)),
        or(isNull(d.lockedUntil), lt(d.lockedUntil, now)),
      ),
    )
    .limit(100);
  if (overdue.length === 0) return 0;
  const ids = overdue.map((row) => row.id);
  await db.update(d).set({ nextAttemptAt: now }).where(inArray(d.id, ids));
  await queueDeliveries(env, ids);
  return ids.length;
}
