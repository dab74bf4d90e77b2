import { and, eq, type SQL } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import { NotFoundError } from "../errors/problem.ts";
import type { OrganizationRole } from "./roles.ts";

/**
 * The request header that names the organization a session acts in (like OpenAI's
 * `OpenAI-Organization`); without it a session acts in the user's personal organization.
 * API keys belong to one organization and ignore it.
 */
export const ORGANIZATION_HEADER = "Lh-Organization";

export type Membership = { organizationId: string; role: OrganizationRole };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const m = schema.memberships;
const o = schema.organizations;

/**
 * The user's membership in the organization `named` (an id), or in their personal one when it is
 * absent; undefined when they are not a member (or `named` is not an id at all).
 *
 * @example
 * const membership = await findMembership(db, userId, c.req.header(ORGANIZATION_HEADER));
 */
export async function findMembership(
  db: Database,
  userId: string,
  named: string | undefined,
): Promise<Membership | undefined> {
  if (named !== undefined && !uuidPattern.test(named.trim())) return undefined;
  const which: SQL = named === undefined ? eq(o.personalUserId, userId) : eq(o.id, named.trim());
  const [found] = await db
    .select({ organizationId: m.organizationId, role: m.role })
    .from(m)
    .innerJoin(o, eq(o.id, m.organizationId))
    .where(and(eq(m.userId, userId), which));
  return found;
}

/**
 * Like `findMembership`, but 404 `not_found` for a non-member: an organization the caller is not
 * in looks exactly like one that does not exist.
 *
 * @example
 * const { organizationId, role } = await requireMembership(db, userId, orgId);
 */
export async function requireMembership(db: Database, userId: string, named: string | undefined): Promise<Membership> {
  const found = await findMembership(db, userId, named);
  if (!found) throw new NotFoundError("organization");
  return found;
}
