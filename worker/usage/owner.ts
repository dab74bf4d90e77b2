import { schema } from "../../db/client.ts";
import type { Auth } from "../auth/caller.ts";

/**
 * Whose usage a caller sees and whose limits apply to the jobs they start. Today every job
 * belongs to one account, so the owner is the calling user; when jobs move to organizations,
 * these two definitions are what changes.
 *
 * @example
 * db.select().from(schema.jobs).where(eq(usageOwnerColumn, usageOwnerOf(c.var.auth)));
 */
export const usageOwnerColumn = schema.jobs.userId;

export function usageOwnerOf(auth: Pick<Auth, "userId">): string {
  return auth.userId;
}
