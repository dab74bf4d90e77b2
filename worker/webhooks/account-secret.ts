import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { accountSecretContext, createEncryptedSecret, rotatedSecrets, type StoredSecrets } from "./signing-secrets.ts";

type UserRow = typeof schema.users.$inferSelect;

/** What may be said about the account's secret without revealing it. */
export type AccountSecretStatus = { exists: boolean; createdAt: Date | null; previousExpiresAt: Date | null };

const users = schema.users;

async function findUser(db: Database, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Error("account not found");
  return user;
}

const missingSecret = () =>
  new ProblemError(
    409,
    "account_secret_missing",
    "The account has no webhook signing secret yet: create it with POST /v1/webhooks/account-secret.",
  );

/**
 * The account's stored secrets, or null before the account has created one. Reading never
 * creates a secret: one nobody was shown would sign webhooks that nobody can verify.
 *
 * @example
 * const stored = await storedAccountSecrets(db, userId); // null: nothing signs per-job URLs yet
 */
export async function storedAccountSecrets(db: Database, userId: string): Promise<StoredSecrets | null> {
  const user = await findUser(db, userId);
  return user.webhookSecretEncrypted
    ? {
        current: user.webhookSecretEncrypted,
        previous: user.webhookPreviousSecretEncrypted,
        previousExpiresAt: user.webhookPreviousSecretExpiresAt,
      }
    : null;
}

/**
 * Whether the account has a secret, since when, and until when the one before the last rotation
 * still signs; never the secret itself.
 *
 * @example
 * const { exists, createdAt } = await accountSecretStatus(db, userId);
 */
export async function accountSecretStatus(
  db: Database,
  userId: string,
  now = new Date(),
): Promise<AccountSecretStatus> {
  const user = await findUser(db, userId);
  const overlap = user.webhookPreviousSecretExpiresAt;
  return {
    exists: user.webhookSecretEncrypted !== null,
    createdAt: user.webhookSecretCreatedAt,
    previousExpiresAt: overlap && overlap > now ? overlap : null,
  };
}

/**
 * Refuses (409 `account_secret_missing`) to go on without a secret, e.g. before a job with its
 * own `webhookUrl` is accepted: its webhooks could not be signed with a secret the owner knows.
 *
 * @example
 * if (webhookUrl) await requireAccountSecret(db, userId);
 */
export async function requireAccountSecret(db: Database, userId: string): Promise<void> {
  const [found] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), isNotNull(users.webhookSecretEncrypted)));
  if (!found) throw missingSecret();
}

/**
 * Creates the account's first secret and returns it, the only time it is shown. A second create
 * (or one racing the first) answers 409 `account_secret_exists`: rotating is the way to a new one.
 *
 * @example
 * const secret = await createAccountSecret(env, db, userId); // "whsec_…"
 */
export async function createAccountSecret(
  env: Pick<Env, "ENCRYPTION_KEY">,
  db: Database,
  userId: string,
): Promise<string> {
  const { secret, encrypted } = await createEncryptedSecret(env.ENCRYPTION_KEY, accountSecretContext(userId));
  const created = await db
    .update(users)
    .set({ webhookSecretEncrypted: encrypted, webhookSecretCreatedAt: new Date() })
    .where(and(eq(users.id, userId), isNull(users.webhookSecretEncrypted)))
    .returning({ id: users.id });
  if (created.length === 0) {
    throw new ProblemError(
      409,
      "account_secret_exists",
      "The account already has a webhook signing secret; it is shown only when created or rotated (POST /v1/webhooks/account-secret/rotate).",
    );
  }
  return secret;
}

/**
 * Replaces the account's secret; the old one keeps signing beside the new one for a day. An
 * account without a secret answers 409 `account_secret_missing`.
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
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) throw new Error("account not found");
    if (!user.webhookSecretEncrypted) throw missingSecret();
    const { secret, stored } = await rotatedSecrets(
      env.ENCRYPTION_KEY,
      user.webhookSecretEncrypted,
      accountSecretContext(userId),
    );
    await tx
      .update(users)
      .set({
        webhookSecretEncrypted: stored.current,
        webhookSecretCreatedAt: new Date(),
        webhookPreviousSecretEncrypted: stored.previous,
        webhookPreviousSecretExpiresAt: stored.previousExpiresAt,
      })
      .where(eq(users.id, userId));
    return { secret, previousExpiresAt: stored.previousExpiresAt };
  });
}
