import { schema } from "../../db/client.ts";
import type { Owner } from "../auth/caller.ts";

/**
 * Whose usage a caller sees and whose limits apply to the jobs they start: the organization the
 * request acts in (worker/auth/request-organization.ts), whoever of its members started the job.
 *
 * @example
 * db.select().from(schema.jobs).where(eq(usageOwnerColumn, usageOwnerOf(c.var.auth)));
 */
export const usageOwnerColumn = schema.jobs.organizationId;

export function usageOwnerOf(owner: Owner): string {
  return owner.organizationId;
}
