import { lt, sql } from "drizzle-orm";
import type { NonceStore } from "../../../agents/contracts/internal-auth.ts";
import { type Database, schema } from "../../../db/client.ts";
import { deleteBatch, PRUNE_BATCH_SIZE } from "../../scheduled/delete-batch.ts";

/**
 * The Worker's memory of accepted internal-call nonces, in PostgreSQL so every isolate shares
 * it: the insert that finds the nonce already there is the replay.
 */
export function postgresNonceStore(db: Database): NonceStore {
  return {
    async remember(nonce, expiresAtSeconds) {
      const inserted = await db
        .insert(schema.internalRequestNonces)
        .values({ nonce, expiresAt: new Date(expiresAtSeconds * 1000) })
        .onConflictDoNothing()
        .returning({ nonce: schema.internalRequestNonces.nonce });
      return inserted.length === 1;
    },
  };
}

/**
 * Deletes at most `limit` nonces past their expiry, oldest first (the cron's job, a bounded
 * batch per run like the other prunes): a copy that late is refused as expired anyway.
 *
 * @example
 * await deleteExpiredNonces(db); // 1000 while a backlog drains, then what expired since the last run
 */
export async function deleteExpiredNonces(
  db: Database,
  { now = new Date(), limit = PRUNE_BATCH_SIZE }: { now?: Date; limit?: number } = {},
): Promise<number> {
  const { expiresAt } = schema.internalRequestNonces;
  return deleteBatch(db, schema.internalRequestNonces, lt(expiresAt, now), sql`${expiresAt}`, limit);
}
