import { eq } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { OrganizationRole } from "../auth/roles.ts";
import type { EmailMessage } from "../email/message.ts";
import { emailSender } from "../email/sender.ts";
import { SmtpError } from "../email/smtp.ts";
import type { Env } from "../env.ts";

export type InvitationEmailInput = {
  invitationId: string;
  to: string;
  organizationName: string;
  inviterEmail: string | null;
  role: OrganizationRole;
  acceptUrl: string;
};

/**
 * The email that brings an invitee their accept link. The link is the invitation's credential,
 * as in any invitation email; it works once, for that email's account, within 7 days.
 *
 * @example
 * invitationEmail(env, { invitationId, to: "ta@uni.edu", organizationName: "Physics 101", inviterEmail, role: "editor", acceptUrl }).subject;
 * // 'Join "Physics 101" on Lecture Highlights'
 */
export function invitationEmail(
  env: Pick<Env, "PUBLIC_BASE_URL" | "EMAIL_FROM">,
  input: InvitationEmailInput,
): EmailMessage {
  const host = new URL(env.PUBLIC_BASE_URL).hostname;
  const organization = input.organizationName.replace(/\s+/g, " ").trim();
  const who = input.inviterEmail ?? "A member";
  return {
    from: env.EMAIL_FROM ?? `notifications@${host}`,
    to: input.to,
    subject: `Join "${organization}" on Lecture Highlights`,
    text: [
      "Hello,",
      "",
      `${who} invites you to "${organization}" on Lecture Highlights, as ${article(input.role)} ${input.role}.`,
      "",
      `Accept: ${input.acceptUrl}`,
      "",
      `Sign in or sign up with this address (${input.to}) to accept. The link works once, within 7 days.`,
      "If you did not expect this invitation, ignore this email.",
      "",
      "Lecture Highlights",
      "",
    ].join("\n"),
    messageId: `<invitation-${input.invitationId}@${host}>`,
  };
}

const article = (role: OrganizationRole) => (role === "owner" || role === "admin" || role === "editor" ? "an" : "a");

/**
 * Emails a new invitation's accept link to the invitee when an email provider is configured.
 * True once the provider accepted it; false without a provider or when it refused (the inviter
 * still has the link to send themselves, so the invitation stands either way).
 *
 * @example
 * const emailed = await emailInvitation(c.env, db, { invitation: row, organizationName, acceptUrl });
 */
export async function emailInvitation(
  env: Pick<Env, "PUBLIC_BASE_URL" | "EMAIL_FROM" | "SMTP_URL">,
  db: Database,
  sent: {
    invitation: { id: string; email: string; role: OrganizationRole; invitedBy: string | null };
    organizationName: string;
    acceptUrl: string;
  },
): Promise<boolean> {
  const sender = emailSender(env);
  if (!sender) return false;
  const { invitation } = sent;
  const [inviter] = invitation.invitedBy
    ? await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, invitation.invitedBy))
    : [];
  const message = invitationEmail(env, {
    invitationId: invitation.id,
    to: invitation.email,
    organizationName: sent.organizationName,
    inviterEmail: inviter?.email ?? null,
    role: invitation.role,
    acceptUrl: sent.acceptUrl,
  });
  try {
    await sender.send(message);
    return true;
  } catch (error) {
    // The message holds the accept link: log which invitation and the SMTP step and code, never
    // the message or an address (SmtpError's text holds only those; another error only its name).
    const reason = error instanceof SmtpError ? error.message : error instanceof Error ? error.name : "unknown";
    console.log(JSON.stringify({ level: "warn", msg: "invitation email failed", invitationId: invitation.id, reason }));
    return false;
  }
}
