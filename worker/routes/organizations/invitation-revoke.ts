import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { revokeInvitation } from "../../organizations/invitations.ts";
import { inPathOrganization } from "./path-organization.ts";
import { invitationParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}/invitations/{invitationId}",
  tags: ["Organizations"],
  summary: "Revoke an invitation",
  description:
    "Owners and admins; only an owner may revoke an invitation to be owner (403 `forbidden`). Its accept link " +
    "stops working at once. Answers 204 again for an invitation already revoked, accepted or expired.",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("members:manage")] as const,
  request: { params: invitationParams },
  responses: { 204: { description: "Revoked." }, ...problemResponses(400, 401, 403, 404) },
});

export const invitationRevoke = createRouter().openapi(route, async (c) => {
  await revokeInvitation(c.var.db(), c.var.auth, c.req.valid("param").invitationId);
  return c.body(null, 204);
});
