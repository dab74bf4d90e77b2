import { sql } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client.ts";
import { ProblemError } from "../errors/problem.ts";

/** A cap on how many of something one account may hold (`max`), answered 409 `code` when full. */
export type CountedLimit = { name: string; max: number; code: string; what: string };

/**
 * Inserts under a per-account cap that holds under concurrency: the count and the insert run in
 * one transaction behind an advisory lock on (limit, account), so parallel requests of one
 * account queue up instead of all counting the same number. The lock ends with the transaction.
 *
 * @example
 * const rows = await insertWithinLimit(db, endpointLimit, organizationId,
 *   (tx) => tx.$count(schema.webhookEndpoints, eq(schema.webhookEndpoints.organizationId, organizationId)),
 *   (tx) => tx.insert(schema.webhookEndpoints).values(values).returning());
 */
export async function insertWithinLimit<T>(
  db: Database,
  limit: CountedLimit,
  ownerId: string,
  countExisting: (tx: Transaction) => Promise<number>,
  insert: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${limit.name}), hashtext(${ownerId}))`);
    if ((await countExisting(tx)) >= limit.max) {
      throw new ProblemError(409, limit.code, `An account has at most ${limit.max} ${limit.what}.`);
    }
    return insert(tx);
  });
}
