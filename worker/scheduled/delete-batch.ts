import { asc, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.ts";

/** At most this many rows per table and sweep: the cron runs every minute, so a backlog drains over a few runs. */
export const PRUNE_BATCH_SIZE = 1000;

/**
 * Deletes at most `limit` rows of `table` matching `where`, oldest by `age` first. Rows are
 * picked by `ctid` so one statement serves tables with composite keys too; two sweeps at once
 * skip each other's rows, and a row deleted already is simply not found again.
 *
 * @example
 * await deleteBatch(db, schema.internalRequestNonces, lt(nonces.expiresAt, now), sql`${nonces.expiresAt}`, 1000); // 1000
 */
export async function deleteBatch(db: Database, table: PgTable, where: SQL, age: SQL, limit: number): Promise<number> {
  const picked = db
    .select({ ctid: sql`ctid` })
    .from(table)
    .where(where)
    .orderBy(asc(age))
    .limit(limit)
    .for("update", { skipLocked: true });
  const deleted = await db.delete(table).where(sql`ctid = any(array(${picked}))`).returning({ one: sql`1` });
  return deleted.length;
}
