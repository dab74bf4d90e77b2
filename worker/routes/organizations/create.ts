import { createRoute } from "@hono/zod-openapi";
import { schema } from "../../../db/client.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createOrganizationSchema, organizationSchema } from "./schemas.ts";
import { toOrganizationView } from "./view.ts";

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["Organizations"],
  summary: "Create an organization",
  description: "You become its owner. Send its id as `Lh-Organization` to act in it. Needs a user's access token.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("organization:create")] as const,
  request: jsonBody(createOrganizationSchema),
  responses: { 201: jsonContent(organizationSchema, "The new organization."), ...problemResponses(400, 401, 403, 413) },
});

export const create = createRouter().openapi(route, async (c) => {
  const { userId } = c.var.auth;
  const organization = await c.var.db().transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.organizations)
      .values({ name: c.req.valid("json").name })
      .returning();
    await tx.insert(schema.memberships).values({ organizationId: row!.id, userId, role: "owner" });
    return row!;
  });
  return c.json(toOrganizationView(organization, "owner", userId), 201);
});
