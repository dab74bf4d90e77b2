import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { emailInvitation } from "../../organizations/invitation-email.ts";
import { acceptLink, createInvitation } from "../../organizations/invitations.ts";
import { inPathOrganization } from "./path-organization.ts";
import { invitationSchema, inviteSchema, organizationIdParams } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/invitations",
  tags: ["Organizations"],
  summary: "Invite someone by email",
  description:
    "Owners and admins; only an owner may invite an owner. The answer holds the accept link, once; it is also " +
    "emailed to the invitee when an email provider is configured (`emailed`). The invitee signs in (or signs " +
    "up) with that email and opens it within 7 days. It works once. At " +
    "most 100 invitations are open at once (409 `too_many_invitations`); a personal organization is not shared " +
    "(409 `personal_organization`).",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("members:manage")] as const,
  request: { params: organizationIdParams, ...jsonBody(inviteSchema) },
  responses: {
    201: jsonContent(invitationSchema, "The invitation and its accept link, shown once."),
    ...problemResponses(400, 401, 403, 404, 409, 413),
  },
});

export const invite = createRouter().openapi(route, async (c) => {
  const { row, token, organizationName } = await createInvitation(c.var.db(), c.var.auth, c.req.valid("json"));
  const acceptUrl = acceptLink(c.env.PUBLIC_BASE_URL, token);
  const emailed = await emailInvitation(c.env, c.var.db(), { invitation: row, organizationName, acceptUrl });
  return c.json(
    { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt.toISOString(), acceptUrl, emailed },
    201,
  );
});
