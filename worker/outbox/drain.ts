import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { mediaFleet } from "../jobs/media-fleet.ts";
import { backoffSeconds } from "../queues/backoff.ts";
import { performEffect } from "./perform.ts";

/** A drain owns the rows it claimed this long; one that died mid-way leaves them to the next. */
const CLAIM_SECONDS = 60;
/** A failed effect is tried again after 30 s, doubling up to 15 min; after this many it is dropped. */
const MAX_ATTEMPTS = 50;
const RETRY = { baseSeconds: 30, maxSeconds: 900 };

type OutboxRow = typeof schema.outbox.$inferSelect;

/**
 * Claims due rows; rows another drain holds are skipped. `ids` narrows to the rows a caller just
 * committed, which it may take at once while nobody has tried them: their `available_at` is the
 * database's clock, and a Worker clock a little behind it must not leave them to the cron.
 */
async function claim(db: Database, now: Date, ids: number[] | undefined, limit: number): Promise<OutboxRow[]> {
  const o = schema.outbox;
  const due = lte(o.availableAt, now);
  const pick = db
    .select({ id: o.id })
    .from(o)
    .where(ids ? and(inArray(o.id, ids), or(eq(o.attempts, 0), due)) : due)
    .orderBy(asc(o.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(o)
    .set({ availableAt: new Date(now.getTime() + CLAIM_SECONDS * 1000), attempts: sql`${o.attempts} + 1` })
    .where(inArray(o.id, pick))
    .returning();
  return claimed.sort((a, b) => a.id - b.id);
}

async function settleFailure(db: Database, row: OutboxRow, error: Error, now: Date): Promise<void> {
  const abandon = row.attempts >= MAX_ATTEMPTS;
  console.error(
    JSON.stringify({
      level: abandon ? "error" : "warn",
      msg: abandon ? "outbox effect abandoned" : "outbox effect failed; retrying later",
      jobId: row.jobId,
      kind: row.effect.kind,
      attempts: row.attempts,
      error: error.message,
    }),
  );
  if (abandon) await db.delete(schema.outbox).where(eq(schema.outbox.id, row.id));
  else {
    const retryAt = new Date(now.getTime() + backoffSeconds(row.attempts, RETRY) * 1000);
    await db.update(schema.outbox).set({ availableAt: retryAt }).where(eq(schema.outbox.id, row.id));
  }
}

/**
 * Performs committed side effects, oldest first, deleting each once done. Never throws: what
 * fails stays in the outbox with a backoff and the every-minute cron drains it later, so a
 * request whose state change committed never answers 500 because of what follows the commit.
 *
 * @example
 * const ids = await db.transaction(async (tx) => { ...; return recordEffects(tx, job.id, effects); });
 * await drainOutbox(env, db, { ids });
 */
export async function drainOutbox(
  env: Env,
  db: Database,
  { ids, now = new Date(), limit = 100 }: { ids?: number[]; now?: Date; limit?: number } = {},
): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  if (ids?.length === 0) return { done, failed };
  const mediaWorker = mediaFleet(env);
  try {
    for (const row of await claim(db, now, ids, limit)) {
      const error = await performEffect({ env, db, mediaWorker, now }, row).then(
        () => null,
        (thrown: Error) => thrown,
      );
      if (error) {
        failed++;
        await settleFailure(db, row, error, now);
      } else {
        done++;
        await db.delete(schema.outbox).where(eq(schema.outbox.id, row.id));
      }
    }
  } catch (error) {
    console.error(JSON.stringify({ level: "warn", msg: "outbox drain stopped", error: (error as Error).message }));
  }
  return { done, failed };
}
