import { eq } from "drizzle-orm";
import type { OrganizationPreferences } from "../../agents/contracts/preferences.ts";
import { type Database, schema, type Transaction } from "../../db/client.ts";

/**
 * An organization's default job options; none until an admin or owner sets them.
 *
 * @example
 * const { jobDefaults } = await readOrganizationPreferences(db, organizationId);
 */
export async function readOrganizationPreferences(
  db: Database | Transaction,
  organizationId: string,
): Promise<OrganizationPreferences> {
  const [row] = await db
    .select({ jobDefaults: schema.organizationPreferences.jobDefaults })
    .from(schema.organizationPreferences)
    .where(eq(schema.organizationPreferences.organizationId, organizationId));
  return { jobDefaults: row?.jobDefaults ?? {} };
}

/**
 * Replaces the organization's default job options (`{}` clears them).
 *
 * @example
 * await replaceOrganizationPreferences(db, organizationId, { jobDefaults: { language: "de" } });
 */
export async function replaceOrganizationPreferences(
  db: Database,
  organizationId: string,
  { jobDefaults }: OrganizationPreferences,
): Promise<OrganizationPreferences> {
  const [row] = await db
    .insert(schema.organizationPreferences)
    .values({ organizationId, jobDefaults })
    .onConflictDoUpdate({
      target: schema.organizationPreferences.organizationId,
      set: { jobDefaults, updatedAt: new Date() },
    })
    .returning({ jobDefaults: schema.organizationPreferences.jobDefaults });
  return { jobDefaults: row!.jobDefaults };
}
