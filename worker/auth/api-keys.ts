import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { apiKeys } from "../../db/schema.ts";
import type { Scope } from "./scopes.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

/** Keys look like `lh_live_<43 url-safe characters>`: recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = "lh_live_";
const shownPrefixLength = API_KEY_PREFIX.length + 6;

/**
 * Creates a key for a user. The key itself is returned once and only its SHA-256 is stored.
 *
 * @example
 * const { key, row } = await createApiKey(db, userId, "CI", ["jobs:read"]);
 */
export async function createApiKey(db: Database, userId: string, name: string, keyScopes: readonly Scope[]) {
  const key = `${API_KEY_PREFIX}${randomSecret(32)}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      userId,
      name,
      prefix: key.slice(0, shownPrefixLength),
      keyHash: await sha256Hex(key),
      scopes: [...new Set(keyScopes)],
    })
    .returning();
  return { key, row: row! };
}

/**
 * Finds the live key for a presented secret and records its use in the same statement.
 * Returns undefined for unknown and revoked keys alike.
 *
 * @example
 * const found = await useApiKey(db, "lh_live_…"); // { id, userId, scopes } | undefined
 */
export async function useApiKey(db: Database, key: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, await sha256Hex(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, userId: apiKeys.userId, scopes: apiKeys.scopes });
  return row;
}
