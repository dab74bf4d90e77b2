import { eq } from "drizzle-orm";
import type { JobOptionChoices } from "../../agents/contracts/job.ts";
import type { PreferencesUpdate, UserPreferences } from "../../agents/contracts/preferences.ts";
import { type Database, schema, type Transaction } from "../../db/client.ts";

type PreferencesRow = typeof schema.userPreferences.$inferSelect;

const none: UserPreferences = { jobDefaults: {}, notifications: { emailOnCompleted: false, emailOnFailed: false } };

const toPreferences = (row: PreferencesRow | undefined): UserPreferences =>
  row
    ? {
        jobDefaults: row.jobDefaults,
        notifications: { emailOnCompleted: row.emailOnCompleted, emailOnFailed: row.emailOnFailed },
      }
    : none;

/**
 * A user's preferences; a user who never set any has no job defaults and no emails.
 *
 * @example
 * const { jobDefaults } = await readUserPreferences(db, userId);
 */
export async function readUserPreferences(db: Database | Transaction, userId: string): Promise<UserPreferences> {
  const [row] = await db.select().from(schema.userPreferences).where(eq(schema.userPreferences.userId, userId));
  return toPreferences(row);
}

/**
 * Applies a `PATCH /v1/me/preferences` body in one statement (an upsert, so two changes at once
 * do not lose either's fields) and returns the preferences as they now stand.
 *
 * @example
 * await updateUserPreferences(db, userId, { notifications: { emailOnFailed: true } });
 */
export async function updateUserPreferences(
  db: Database,
  userId: string,
  { jobDefaults, notifications = {} }: PreferencesUpdate,
): Promise<UserPreferences> {
  const changes: Partial<PreferencesRow> = { ...notifications };
  if (jobDefaults) changes.jobDefaults = jobDefaults satisfies JobOptionChoices;
  const [row] = await db
    .insert(schema.userPreferences)
    .values({ userId, ...changes })
    .onConflictDoUpdate({ target: schema.userPreferences.userId, set: { ...changes, updatedAt: new Date() } })
    .returning();
  return toPreferences(row);
}
