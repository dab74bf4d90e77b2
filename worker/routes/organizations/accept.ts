import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { UnauthorizedError } from "../../errors/problem.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { acceptInvitation } from "../../organizations/invitations.ts";
import { acceptInvitationSchema, organizationRoleSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/accept",
  tags: ["Organizations"],
  summary: "Accept an invitation",
  description:
    "Signed in as the invited email, with the token from the accept link. An unknown, used or expired token, " +
    "or another account's, answers 404.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("invitations:accept")] as const,
  request: jsonBody(acceptInvitationSchema),
  responses: {
    200: jsonContent(
      z.object({ organizationId: z.uuid(), role: organizationRoleSchema }).openapi("AcceptedInvitation"),
      "The membership.",
    ),
    ...problemResponses(400, 401, 403, 404, 413),
  },
});

/** `/v1/invitations/accept`: outside `/v1/organizations/{id}`, as the invitee is not a member yet. */
export const accept = createRouter().openapi(route, async (c) => {
  const u = schema.users;
  const [user] = await c.var.db().select({ id: u.id, email: u.email }).from(u).where(eq(u.id, c.var.auth.userId));
  if (!user) throw new UnauthorizedError("The account no longer exists.");
  return c.json(await acceptInvitation(c.var.db(), user, c.req.valid("json").token), 200);
});
