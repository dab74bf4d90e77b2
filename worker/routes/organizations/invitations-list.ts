import { createRoute, z } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { listOpenInvitations } from "../../organizations/invitations.ts";
import { inPathOrganization } from "./path-organization.ts";
import { organizationIdParams, pendingInvitationSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}/invitations",
  tags: ["Organizations"],
  summary: "List open invitations",
  description:
    "Owners and admins: the invitations not yet accepted and not expired, oldest first. Their links are not " +
    "shown again; revoke one and invite again to send a new link.",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("members:manage")] as const,
  request: { params: organizationIdParams },
  responses: {
    200: jsonContent(z.object({ invitations: z.array(pendingInvitationSchema) }), "The open invitations."),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const invitationsList = createRouter().openapi(route, async (c) => {
  const rows = await listOpenInvitations(c.var.db(), c.var.auth.organizationId);
  const invitations = rows.map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  }));
  return c.json({ invitations }, 200);
});
