import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { ProblemError } from "../errors/problem.ts";
import { accountSecretContext, createEncryptedSecret, rotatedSecrets, type StoredSecrets } from "./signing-secrets.ts";

type OrganizationRow = typeof schema.organizations.$inferSelect;

/** What may be said about the account's secret without revealing it. */
export type AccountSecretStatus = { exists: boolean; createdAt: Date | null; previousExpiresAt: Date | null };

const organizations = schema.organizations;

async function findOrganization(db: Database, organizationId: string): Promise<OrganizationRow> {
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!organization) throw new Error("organization not found");
  return organization;
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
 * const stored = await storedAccountSecrets(db, organizationId); // null: nothing signs per-job URLs yet
 */
export async function storedAccountSecrets(db: Database, organizationId: string): Promise<StoredSecrets | null> {
  const organization = await findOrganization(db, organizationId);
  return organization.webhookSecretEncrypted
    ? {
        current: organization.webhookSecretEncrypted,
        previous: organization.webhookPreviousSecretEncrypted,
        previousExpiresAt: organization.webhookPreviousSecretExpiresAt,
      }
    : null;
}

/**
 * Whether the account has a secret, since when, and until when the one before the last rotation
 * still signs; never the secret itself.
 *
 * @example
 * const { exists, createdAt } = await accountSecretStatus(db, organizationId);
 */
export async function accountSecretStatus(
  db: Database,
  organizationId: string,
  now = new Date(),
): Promise<AccountSecretStatus> {
  const organization = await findOrganization(db, organizationId);
  const overlap = organization.webhookPreviousSecretExpiresAt;
  return {
    exists: organization.webhookSecretEncrypted !== null,
    createdAt: organization.webhookSecretCreatedAt,
    previousExpiresAt: overlap && overlap > now ? overlap : null,
  };
}

/**
 * Refuses (409 `account_secret_missing`) to go on without a secret, e.g. before a job with its
 * own `webhookUrl` is accepted: its webhooks could not be signed with a secret the owner knows.
 *
 * @example
 * if (webhookUrl) await requireAccountSecret(db, organizationId);
 */
export async function requireAccountSecret(db: Database, organizationId: string): Promise<void> {
  const [found] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), isNotNull(organizations.webhookSecretEncrypted)));
  if (!found) throw missingSecret();
}

/**
 * Creates the account's first secret and returns it, the only time it is shown. A second create
 * (or one racing the first) answers 409 `account_secret_exists`: rotating is the way to a new one.
 *
 * @example
 * const secret = await createAccountSecret(env, db, organizationId); // "whsec_…"
 */
export async function createAccountSecret(
  env: Pick<Env, "ENCRYPTION_KEY">,
  db: Database,
  organizationId: string,
): Promise<string> {
  const { secret, encrypted } = await createEncryptedSecret(env.ENCRYPTION_KEY, accountSecretContext(organizationId));
  const created = await db
    .update(organizations)
    .set({ webhookSecretEncrypted: encrypted, webhookSecretCreatedAt: new Date() })
    .where(and(eq(organizations.id, organizationId), isNull(organizations.webhookSecretEncrypted)))
    .returning({ id: organizations.id });
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
 * const { secret, previousExpiresAt } = await rotateAccountSecret(env, db, organizationId);
 */
export async function rotateAccountSecret(
  env: Pick<Env, "ENCRYPTION_KEY">,
  db: Database,
  organizationId: string,
): Promise<{ secret: string; previousExpiresAt: Date | null }> {
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .for("update");
    if (!organization) throw new Error("organization not found");
    if (!organization.webhookSecretEncrypted) throw missingSecret();
    const { secret, stored } = await rotatedSecrets(
      env.ENCRYPTION_KEY,
      organization.webhookSecretEncrypted,
      accountSecretContext(organizationId),
    );
    await tx
      .update(organizations)
      .set({
        webhookSecretEncrypted: stored.current,
        webhookSecretCreatedAt: new Date(),
        webhookPreviousSecretEncrypted: stored.previous,
        webhookPreviousSecretExpiresAt: stored.previousExpiresAt,
      })
      .where(eq(organizations.id, organizationId));
    return { secret, previousExpiresAt: stored.previousExpiresAt };
  });
}
