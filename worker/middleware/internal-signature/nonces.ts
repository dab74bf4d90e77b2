import { lt } from "drizzle-orm";
import type { NonceStore } from "../../../agents/contracts/internal-auth.ts";
import { type Database, schema } from "../../../db/client.ts";

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

/** Deletes nonces past their expiry (the cron's job): a copy that late is refused as expired. */
export async function deleteExpiredNonces(db: Database, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(schema.internalRequestNonces)
    .where(lt(schema.internalRequestNonces.expiresAt, now))
    .returning({ nonce: schema.internalRequestNonces.nonce });
  return deleted.length;
}
