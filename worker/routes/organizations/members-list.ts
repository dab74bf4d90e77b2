import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { inPathOrganization } from "./path-organization.ts";
import { memberSchema, organizationIdParams } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}/members",
  tags: ["Organizations"],
  summary: "List an organization's members",
  description: "Every member sees who else is in the organization and their roles, by when they joined.",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("organization:read")] as const,
  request: { params: organizationIdParams },
  responses: {
    200: jsonContent(z.object({ members: z.array(memberSchema) }), "The members."),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const membersList = createRouter().openapi(route, async (c) => {
  const m = schema.memberships;
  const rows = await c.var
    .db()
    .select({ userId: m.userId, email: schema.users.email, role: m.role, joinedAt: m.createdAt })
    .from(m)
    .innerJoin(schema.users, eq(schema.users.id, m.userId))
    .where(eq(m.organizationId, c.var.auth.organizationId))
    .orderBy(asc(m.createdAt), asc(m.userId));
  return c.json({ members: rows.map((row) => ({ ...row, joinedAt: row.joinedAt.toISOString() })) }, 200);
});
