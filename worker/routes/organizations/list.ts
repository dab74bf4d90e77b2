import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { organizationSchema } from "./schemas.ts";
import { toOrganizationView } from "./view.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Organizations"],
  summary: "List the organizations you are a member of",
  description: "Your personal organization first, then the others by creation. Needs a user's access token.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("organization:read")] as const,
  responses: {
    200: jsonContent(z.object({ organizations: z.array(organizationSchema) }), "Your organizations."),
    ...problemResponses(401, 403),
  },
});

export const list = createRouter().openapi(route, async (c) => {
  const { userId } = c.var.auth;
  const o = schema.organizations;
  const rows = await c.var
    .db()
    .select({ organization: o, role: schema.memberships.role })
    .from(schema.memberships)
    .innerJoin(o, eq(o.id, schema.memberships.organizationId))
    .where(eq(schema.memberships.userId, userId))
    .orderBy(asc(o.createdAt), asc(o.id));
  const views = rows.map(({ organization, role }) => toOrganizationView(organization, role, userId));
  views.sort((a, b) => Number(b.personal) - Number(a.personal));
  return c.json({ organizations: views }, 200);
});
