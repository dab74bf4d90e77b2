import { z } from "@hono/zod-openapi";
import { organizationRoles } from "../../auth/roles.ts";
import { emailSchema } from "../auth/schemas.ts";

export const organizationRoleSchema = z.enum(organizationRoles).openapi("OrganizationRole");

export const organizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    personal: z.boolean().openapi({ description: "The user's own organization, made with the account." }),
    role: organizationRoleSchema.openapi({ description: "The caller's role in it." }),
    createdAt: z.iso.datetime(),
  })
  .openapi("Organization");

export const createOrganizationSchema = z
  .object({ name: z.string().trim().min(1).max(100).openapi({ example: "Physics 101 course team" }) })
  .openapi("CreateOrganizationRequest");

export const memberSchema = z
  .object({ userId: z.uuid(), email: z.string(), role: organizationRoleSchema, joinedAt: z.iso.datetime() })
  .openapi("Member");

export const inviteSchema = z.object({ email: emailSchema, role: organizationRoleSchema }).openapi("InviteRequest");

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: organizationRoleSchema,
    expiresAt: z.iso.datetime(),
    acceptUrl: z.url().openapi({ description: "The link to send the invitee. Shown only in this response." }),
    emailed: z.boolean().openapi({
      description: "Whether the link was emailed to the invitee; false without an email provider or when it refused.",
    }),
  })
  .openapi("Invitation");

export const pendingInvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: organizationRoleSchema,
    invitedBy: z.string().nullable().openapi({ description: "The sender's email; null once their account is gone." }),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
  })
  .openapi("PendingInvitation");

export const acceptInvitationSchema = z
  .object({ token: z.string().min(1).max(200) })
  .openapi("AcceptInvitationRequest");

export const changeRoleSchema = z.object({ role: organizationRoleSchema }).openapi("ChangeRoleRequest");

export const organizationIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

export const memberParams = organizationIdParams.extend({
  userId: z.uuid().openapi({ param: { name: "userId", in: "path" } }),
});

export const invitationParams = organizationIdParams.extend({
  invitationId: z.uuid().openapi({ param: { name: "invitationId", in: "path" } }),
});
