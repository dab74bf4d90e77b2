import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { changeMember } from "../../organizations/members.ts";
import { inPathOrganization } from "./path-organization.ts";
import { changeRoleSchema, memberParams } from "./schemas.ts";

const route = createRoute({
  method: "patch",
  path: "/{id}/members/{userId}",
  tags: ["Organizations"],
  summary: "Change a member's role",
  description:
    "Owners and admins; only an owner may change an owner's role or make someone owner (403 `forbidden`). " +
    "The last owner keeps the role (409 `last_owner`).",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("members:manage")] as const,
  request: { params: memberParams, ...jsonBody(changeRoleSchema) },
  responses: { 204: { description: "Changed." }, ...problemResponses(400, 401, 403, 404, 409, 413) },
});

export const changeRole = createRouter().openapi(route, async (c) => {
  const { userId } = c.req.valid("param");
  await changeMember(c.var.db(), c.var.auth, { userId, role: c.req.valid("json").role });
  return c.body(null, 204);
});
