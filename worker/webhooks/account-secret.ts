import { and, eq, isNull } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { accountSecretContext, createEncryptedSecret, rotatedSecrets, type StoredSecrets } from "./signing-secrets.ts";

type UserRow = typeof schema.users.$inferSelect;

const storedSecrets = (user: UserRow): StoredSecrets | null =>
  user.webhookSecretEncrypted
    ? {
        current: user.webhookSecretEncrypted,
        previous: user.webhookPreviousSecretEncrypted,
        previousExpiresAt: user.webhookPreviousSecretExpiresAt,
      }
    : null;

/**
 * The account's secrets for per-job `webhookUrl`s, created on first use. Two first uses at once
 * both try a conditional write; one wins and both read the winner.
 *
 * @example
 * const stored = await accountSecrets(env, db, userId);
 */
export async function accountSecrets(
  env: Pick<Env, "ENCRYPTION_KEY">,
  db: Database,
  userId: string,
): Promise<StoredSecrets> {
  const { encrypted } = await createEncryptedSecret(env.ENCRYPTION_KEY, accountSecretContext(userId));
  await db
    .update(schema.users)
    .set({ webhookSecretEncrypted: encrypted })
    .where(and(eq(schema.users.id, userId), isNull(schema.users.webhookSecretEncrypted)));
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, userId));
  const stored = user && storedSecrets(user);
  if (!stored) throw new Error("account not found");
  return stored;
}

/**
 * Replaces the account's secret; the old one keeps signing beside the new one for a day.
 *
 * @example
 * const { secret, previousExpiresAt } = await rotateAccountSecret(env, db, userId);
 */
export async function rotateAccountSecret(
  env: Pick<Env, "ENCRYPTION_KEY">,
  db: Database,
  userId: string,
): Promise<{ secret: string; previousExpiresAt: Date | null }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, userId)).for("update");
    if (!user) throw new Error("account not found");
    const { secret, stored } = await rotatedSecrets(
      env.ENCRYPTION_KEY,
      user.webhookSecretEncrypted,
      accountSecretContext(userId),
    );
    await tx
      .update(schema.users)
      .set({
        webhookSecretEncrypted: stored.current,
        webhookPreviousSecretEncrypted: stored.previous,
        webhookPreviousSecretExpiresAt: stored.previousExpiresAt,
      })
      .where(eq(schema.users.id, userId));
    return { secret, previousExpiresAt: stored.previousExpiresAt };
  });
}
