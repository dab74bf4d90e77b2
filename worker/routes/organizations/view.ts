import type { schema } from "../../../db/client.ts";
import type { OrganizationRole } from "../../auth/roles.ts";

type OrganizationRow = Pick<typeof schema.organizations.$inferSelect, "id" | "name" | "personalUserId" | "createdAt">;

/** The public view of an organization as `userId`, who holds `role` in it; never its secrets. */
export function toOrganizationView(row: OrganizationRow, role: OrganizationRole, userId: string) {
  return {
    id: row.id,
    name: row.name,
    personal: row.personalUserId === userId,
    role,
    createdAt: row.createdAt.toISOString(),
  };
}
