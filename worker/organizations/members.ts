import { and, eq } from "drizzle-orm";
import { type Database, schema, type Transaction } from "../../db/client.ts";
import type { Auth } from "../auth/caller.ts";
import { canChangeMember } from "../auth/policy.ts";
import type { OrganizationRole } from "../auth/roles.ts";
import { ActionForbiddenError, NotFoundError, ProblemError } from "../errors/problem.ts";

const m = schema.memberships;

type MemberChange = { userId: string; role?: OrganizationRole };

/** The one owner left cannot go: an organization nobody can manage or delete would be stuck. */
const lastOwner = () =>
  new ProblemError(409, "last_owner", "An organization keeps at least one owner: make another member owner first.");

async function lockMember(tx: Transaction, organizationId: string, userId: string) {
  const [member] = await tx
    .select()
    .from(m)
    .where(and(eq(m.organizationId, organizationId), eq(m.userId, userId)))
    .for("update");
  if (!member) throw new NotFoundError("member");
  return member;
}

/** Refuses to leave the organization without an owner; the owners' rows are locked first. */
async function requireAnotherOwner(tx: Transaction, organizationId: string, userId: string): Promise<void> {
  const owners = await tx
    .select({ userId: m.userId })
    .from(m)
    .where(and(eq(m.organizationId, organizationId), eq(m.role, "owner")))
    .for("update");
  if (!owners.some((owner) => owner.userId !== userId)) throw lastOwner();
}

/**
 * Changes a member's role (`change.role`) or removes them (no role), as `actor` in the actor's
 * organization: the policy's `canChangeMember` decides (403 `forbidden`; an admin cannot demote
 * or remove the owner), the last owner stays (409 `last_owner`), a non-member is 404.
 *
 * @example
 * await changeMember(db, c.var.auth, { userId, role: "viewer" });
 * await changeMember(db, c.var.auth, { userId }); // removed
 */
export async function changeMember(db: Database, actor: Auth, change: MemberChange): Promise<void> {
  await db.transaction(async (tx) => {
    const member = await lockMember(tx, actor.organizationId, change.userId);
    if (!canChangeMember(actor.role, member.role, change.role)) {
      throw new ActionForbiddenError(actor.role, `${change.role ? "give" : "remove"} this member's role`);
    }
    if (member.role === "owner" && change.role !== "owner") {
      await requireAnotherOwner(tx, actor.organizationId, change.userId);
    }
    const which = and(eq(m.organizationId, actor.organizationId), eq(m.userId, change.userId));
    if (change.role) await tx.update(m).set({ role: change.role }).where(which);
    else await tx.delete(m).where(which);
  });
}

/**
 * The caller leaves the organization: not their personal one (409 `personal_organization`),
 * and not as its last owner (409 `last_owner`).
 *
 * @example
 * await leaveOrganization(db, c.var.auth);
 */
export async function leaveOrganization(db: Database, actor: Auth): Promise<void> {
  await db.transaction(async (tx) => {
    const [organization] = await tx
      .select({ personalUserId: schema.organizations.personalUserId })
      .from(schema.organizations)
      .where(eq(schema.organizations.id, actor.organizationId));
    if (organization?.personalUserId === actor.userId) throw personalOrganization("left");
    const member = await lockMember(tx, actor.organizationId, actor.userId);
    if (member.role === "owner") await requireAnotherOwner(tx, actor.organizationId, actor.userId);
    await tx.delete(m).where(and(eq(m.organizationId, actor.organizationId), eq(m.userId, actor.userId)));
  });
}

/**
 * 409 `personal_organization`: a user's personal organization lasts as long as the account.
 *
 * @example
 * throw personalOrganization("deleted");
 */
export const personalOrganization = (what: "left" | "deleted" | "shared") =>
  new ProblemError(
    409,
    "personal_organization",
    `A personal organization cannot be ${what}; start an organization for a team (POST /v1/organizations).`,
  );
