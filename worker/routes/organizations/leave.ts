import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { leaveOrganization } from "../../organizations/members.ts";
import { inPathOrganization } from "./path-organization.ts";
import { organizationIdParams } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/{id}/leave",
  tags: ["Organizations"],
  summary: "Leave an organization",
  description:
    "Any member may leave, except from their personal organization (409 `personal_organization`) or as the " +
    "last owner (409 `last_owner`).",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("organization:read")] as const,
  request: { params: organizationIdParams },
  responses: { 204: { description: "Left." }, ...problemResponses(400, 401, 403, 404, 409) },
});

export const leave = createRouter().openapi(route, async (c) => {
  await leaveOrganization(c.var.db(), c.var.auth);
  return c.body(null, 204);
});
