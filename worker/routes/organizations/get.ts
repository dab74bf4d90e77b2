import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { inPathOrganization } from "./path-organization.ts";
import { organizationIdParams, organizationSchema } from "./schemas.ts";
import { toOrganizationView } from "./view.ts";

const route = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Organizations"],
  summary: "Get an organization",
  description: "An organization you are not a member of answers 404.",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("organization:read")] as const,
  request: { params: organizationIdParams },
  responses: { 200: jsonContent(organizationSchema, "The organization."), ...problemResponses(400, 401, 403, 404) },
});

export const get = createRouter().openapi(route, async (c) => {
  const { organizationId, role, userId } = c.var.auth;
  const o = schema.organizations;
  const [row] = await c.var.db().select().from(o).where(eq(o.id, organizationId));
  return c.json(toOrganizationView(row!, role, userId), 200);
});
