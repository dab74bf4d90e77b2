import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Auth } from "../auth/caller.ts";
import { canChangeMember } from "../auth/policy.ts";
import type { OrganizationRole } from "../auth/roles.ts";
import { randomSecret, sha256Hex } from "../auth/secrets.ts";
import { ActionForbiddenError, NotFoundError } from "../errors/problem.ts";
import { type CountedLimit, insertWithinLimit } from "../limits/counted-limit.ts";
import { personalOrganization } from "./members.ts";

/** An invitation is accepted within a week or asked for again. */
export const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

const i = schema.invitations;

/** Open invitations (neither accepted nor expired) per organization: links are not minted without end. */
const openInvitationLimit: CountedLimit = {
  name: "invitations",
  max: 100,
  code: "too_many_invitations",
  what: "open invitations",
};

/** Neither accepted nor expired: the invitations that still let someone in. */
const openIn = (organizationId: string) =>
  and(eq(i.organizationId, organizationId), isNull(i.acceptedAt), gt(i.expiresAt, sql`now()`));

/** The web app's page that accepts an invitation; the token travels in the fragment, never to a server log. */
export const acceptLink = (publicBaseUrl: string, token: string) =>
  new URL(`/#/invitations/${encodeURIComponent(token)}`, publicBaseUrl).toString();

/**
 * Invites `email` into the actor's organization with `role`. The token is returned once (in the
 * accept link) and only its SHA-256 is stored. Inviting someone as owner needs an owner (403);
 * at most 100 invitations are open at once (409 `too_many_invitations`); a personal organization
 * stays its user's alone (409 `personal_organization`).
 *
 * @example
 * const { row, token } = await createInvitation(db, c.var.auth, { email: "ta@uni.edu", role: "editor" });
 */
export async function createInvitation(db: Database, actor: Auth, invite: { email: string; role: OrganizationRole }) {
  if (!canChangeMember(actor.role, invite.role, invite.role)) {
    throw new ActionForbiddenError(actor.role, `invite someone as ${invite.role}`);
  }
  const [organization] = await db
    .select({ name: schema.organizations.name, personalUserId: schema.organizations.personalUserId })
    .from(schema.organizations)
    .where(eq(schema.organizations.id, actor.organizationId));
  if (organization?.personalUserId) throw personalOrganization("shared");
  const token = `lh_inv_${randomSecret(32)}`;
  const tokenHash = await sha256Hex(token);
  const open = openIn(actor.organizationId);
  const [row] = await insertWithinLimit(
    db,
    openInvitationLimit,
    actor.organizationId,
    (tx) => tx.$count(i, open),
    (tx) =>
      tx
        .insert(i)
        .values({
          organizationId: actor.organizationId,
          email: invite.email,
          role: invite.role,
          tokenHash,
          invitedBy: actor.userId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_SECONDS * 1000),
        })
        .returning(),
  );
  return { row: row!, token, organizationName: organization?.name ?? "" };
}

/**
 * Accepts an invitation for the signed-in user: single use, before it expires, and only by the
 * account with the invited email; anything else is 404, so a token reveals nothing. A member
 * already keeps their role.
 *
 * @example
 * const { organizationId, role } = await acceptInvitation(db, { id: userId, email }, token);
 */
export async function acceptInvitation(db: Database, user: { id: string; email: string }, token: string) {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(i)
      .set({ acceptedAt: sql`now()` })
      .where(
        and(
          eq(i.tokenHash, await sha256Hex(token)),
          eq(i.email, user.email),
          isNull(i.acceptedAt),
          gt(i.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!invitation) throw new NotFoundError("invitation");
    await tx
      .insert(schema.memberships)
      .values({ organizationId: invitation.organizationId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    const [membership] = await tx
      .select({ organizationId: schema.memberships.organizationId, role: schema.memberships.role })
      .from(schema.memberships)
      .where(
        and(eq(schema.memberships.organizationId, invitation.organizationId), eq(schema.memberships.userId, user.id)),
      );
    return membership!;
  });
}

/**
 * The actor's organization's open invitations, oldest first, with who sent them. The tokens are
 * not here: only their hashes are stored.
 *
 * @example
 * const pending = await listOpenInvitations(db, c.var.auth.organizationId);
 */
export async function listOpenInvitations(db: Database, organizationId: string) {
  return db
    .select({
      id: i.id,
      email: i.email,
      role: i.role,
      invitedBy: schema.users.email,
      createdAt: i.createdAt,
      expiresAt: i.expiresAt,
    })
    .from(i)
    .leftJoin(schema.users, eq(schema.users.id, i.invitedBy))
    .where(openIn(organizationId))
    .orderBy(asc(i.createdAt), asc(i.id));
}

/**
 * Revokes an invitation of the actor's organization, so its link stops working. The same rule as
 * inviting: only an owner may revoke an invitation to be owner (403). An unknown, accepted or
 * expired invitation is already no way in, so revoking it again answers the same (idempotent).
 *
 * @example
 * await revokeInvitation(db, c.var.auth, invitationId);
 */
export async function revokeInvitation(db: Database, actor: Auth, invitationId: string) {
  const [invitation] = await db
    .select({ role: i.role })
    .from(i)
    .where(and(eq(i.id, invitationId), openIn(actor.organizationId)));
  if (!invitation) return;
  if (!canChangeMember(actor.role, invitation.role, invitation.role)) {
    throw new ActionForbiddenError(actor.role, `revoke an invitation as ${invitation.role}`);
  }
  await db.delete(i).where(and(eq(i.id, invitationId), eq(i.organizationId, actor.organizationId)));
}
