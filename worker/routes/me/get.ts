import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { scopeSchema } from "../../auth/scopes.ts";
import { publicUser } from "../../auth/session.ts";
import { UnauthorizedError } from "../../errors/problem.ts";
import { authenticate } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { userSchema } from "../auth/schemas.ts";
import { organizationRoleSchema } from "../organizations/schemas.ts";

const meSchema = z
  .object({
    user: userSchema,
    credential: z.object({ kind: z.enum(["user", "api_key"]), scopes: z.array(scopeSchema) }),
    /** The organization the request acted in (`Lh-Organization`, or the personal one) and the role there. */
    organization: z.object({ id: z.uuid(), role: organizationRoleSchema }),
  })
  .openapi("Me");

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Auth"],
  summary: "The calling account and what its credential may do",
  security: bearerSecurity,
  middleware: [authenticate()] as const,
  responses: { 200: jsonContent(meSchema, "The account behind the credential."), ...problemResponses(401) },
});

/** `GET /v1/me`: works with an access token and with an API key of any scope. */
export const getMe = createRouter().openapi(route, async (c) => {
  const { userId, kind, scopes, organizationId, role } = c.var.auth;
  const [user] = await c.var.db().select().from(users).where(eq(users.id, userId));
  if (!user) throw new UnauthorizedError("The account no longer exists.");
  return c.json(
    { user: publicUser(user), credential: { kind, scopes: [...scopes] }, organization: { id: organizationId, role } },
    200,
  );
});
