import { createMiddleware } from "hono/factory";
import { requireMembership } from "../../auth/request-organization.ts";
import type { AppEnv } from "../../env.ts";

/**
 * Makes the organization in the path (`/{id}/…`) the one the request acts in, with the
 * caller's role there; 404 for one they are not a member of. Use after `authenticate()` and
 * before `authorize()`, which then checks the role in this organization.
 *
 * @example
 * middleware: [authenticate(), inPathOrganization(), authorize("members:manage")]
 */
export function inPathOrganization() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const auth = c.var.auth;
    c.set("auth", { ...auth, ...(await requireMembership(c.var.db(), auth.userId, c.req.param("id"))) });
    await next();
  });
}
