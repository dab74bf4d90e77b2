import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { apiKeys } from "../../db/schema.ts";
import { type CountedLimit, insertWithinLimit } from "../limits/counted-limit.ts";
import type { Scope } from "./scopes.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

/** Keys look like `lh_live_<43 url-safe characters>`: recognisable in logs and by secret scanners. */
export const API_KEY_PREFIX = "lh_live_";
const shownPrefixLength = API_KEY_PREFIX.length + 6;
/** Revoked keys do not count: rotating a key is revoking one and creating another. */
const liveKeyLimit: CountedLimit = { name: "api-keys", max: 50, code: "too_many_api_keys", what: "live API keys" };

/**
 * Creates a key of an organization (made by `userId`), at most 50 live ones per organization
 * (409 `too_many_api_keys`). The key itself is returned once and only its SHA-256 is stored.
 *
 * @example
 * const { key, row } = await createApiKey(db, { organizationId, userId }, "CI", ["jobs:read"]);
 */
export async function createApiKey(
  db: Database,
  owner: { organizationId: string; userId: string },
  name: string,
  keyScopes: readonly Scope[],
) {
  const key = `${API_KEY_PREFIX}${randomSecret(32)}`;
  const keyHash = await sha256Hex(key);
  const [row] = await insertWithinLimit(
    db,
    liveKeyLimit,
    owner.organizationId,
    (tx) => tx.$count(apiKeys, and(eq(apiKeys.organizationId, owner.organizationId), isNull(apiKeys.revokedAt))),
    (tx) =>
      tx
        .insert(apiKeys)
        .values({ ...owner, name, prefix: key.slice(0, shownPrefixLength), keyHash, scopes: [...new Set(keyScopes)] })
        .returning(),
  );
  return { key, row: row! };
}

/**
 * Finds the live key for a presented secret and records its use in the same statement.
 * Returns undefined for unknown and revoked keys alike.
 *
 * @example
 * const found = await useApiKey(db, "lh_live_…"); // { id, userId, organizationId, scopes } | undefined
 */
export async function useApiKey(db: Database, key: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, await sha256Hex(key)), isNull(apiKeys.revokedAt)))
    .returning({
      id: apiKeys.id,
      userId: apiKeys.userId,
      organizationId: apiKeys.organizationId,
      scopes: apiKeys.scopes,
    });
  return row;
}
