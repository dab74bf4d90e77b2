import { and, eq, isNotNull, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client.ts";
import { refreshTokens } from "../../db/schema.ts";
import { UnauthorizedError } from "../errors/problem.ts";
import { randomSecret, sha256Hex } from "./secrets.ts";

export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * Issues a refresh token; a new login starts a family, a rotation continues one.
 *
 * @example
 * const token = await issueRefreshToken(db, user.id); // store it client-side; shown once
 */
export async function issueRefreshToken(db: Database, userId: string, familyId: string = crypto.randomUUID()) {
  const token = randomSecret(32);
  await db.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  return token;
}

/**
 * Exchanges a refresh token for a new one of the same family. A token works once: presenting
 * a used or revoked token means it was copied, so the whole family (the thief's and the
 * owner's current token) is revoked and both must log in again.
 *
 * @example
 * const { userId, refreshToken } = await rotateRefreshToken(db, presented);
 */
export async function rotateRefreshToken(db: Database, presented: string) {
  const [row] = await db
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await sha256Hex(presented)));
  if (!row) throw invalidRefreshToken();
  if (row.usedAt) throw await reuseDetected(db, row.familyId);
  if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw invalidRefreshToken();
  // Claim the token atomically: of two concurrent refreshes with one token only one wins,
  // and the loser is treated as reuse. The loser revokes the family while the winner may still
  // be writing its new token, which that revocation then misses: so a family with any revoked
  // token is dead, and its later tokens cannot be claimed either.
  const family = alias(refreshTokens, "family");
  const claimed = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(refreshTokens.id, row.id),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        notExists(
          db
            .select({ id: family.id })
            .from(family)
            .where(and(eq(family.familyId, row.familyId), isNotNull(family.revokedAt))),
        ),
      ),
    )
    .returning({ id: refreshTokens.id });
  if (claimed.length === 0) throw await reuseDetected(db, row.familyId);
  return { userId: row.userId, refreshToken: await issueRefreshToken(db, row.userId, row.familyId) };
}

/**
 * Logs a session out: revokes the family of the presented token. Unknown tokens are ignored,
 * so logout is idempotent and says nothing about which tokens exist.
 *
 * @example
 * await revokeRefreshToken(db, presented);
 */
export async function revokeRefreshToken(db: Database, presented: string): Promise<void> {
  const [row] = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await sha256Hex(presented)));
  if (row) await revokeFamily(db, row.familyId);
}

async function revokeFamily(db: Database, familyId: string): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

async function reuseDetected(db: Database, familyId: string) {
  await revokeFamily(db, familyId);
  return new UnauthorizedError(
    "The refresh token was already used; every session of its family is revoked.",
    "refresh_token_reused",
  );
}

function invalidRefreshToken() {
  return new UnauthorizedError("The refresh token is not valid.", "invalid_refresh_token");
}
