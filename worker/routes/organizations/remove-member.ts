import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { changeMember } from "../../organizations/members.ts";
import { inPathOrganization } from "./path-organization.ts";
import { memberParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}/members/{userId}",
  tags: ["Organizations"],
  summary: "Remove a member",
  description:
    "Owners and admins; only an owner may remove an owner (403 `forbidden`), and the last owner stays (409 " +
    "`last_owner`). What the member created stays with the organization; their API keys for it stop working.",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("members:manage")] as const,
  request: { params: memberParams },
  responses: { 204: { description: "Removed." }, ...problemResponses(400, 401, 403, 404, 409) },
});

export const removeMember = createRouter().openapi(route, async (c) => {
  await changeMember(c.var.db(), c.var.auth, { userId: c.req.valid("param").userId });
  return c.body(null, 204);
});
