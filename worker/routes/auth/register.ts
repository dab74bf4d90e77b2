import { createRoute } from "@hono/zod-openapi";
import { hashPassword } from "../../auth/password.ts";
import { requireSameOrigin } from "../../auth/refresh-cookie.ts";
import { issueRefreshToken } from "../../auth/refresh-tokens.ts";
import { deliverSession } from "../../auth/session.ts";
import { ProblemError } from "../../errors/problem.ts";
import { authLimits } from "../../limits/rules.ts";
import { rateLimit } from "../../middleware/rate-limit/index.ts";
import { jsonBody, jsonContent, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { createAccount } from "../../organizations/create-account.ts";
import { registerSchema, sessionSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/register",
  tags: ["Auth"],
  security: publicSecurity,
  summary: "Create an account and start a session",
  middleware: [rateLimit(authLimits.registerPerAddress)] as const,
  request: jsonBody(registerSchema),
  responses: {
    201: jsonContent(sessionSchema, "The account and its first session."),
    ...problemResponses(400, 403, 409, 413, 429),
  },
});

export const register = createRouter().openapi(route, async (c) => {
  const { email, password, tokenDelivery } = c.req.valid("json");
  if (tokenDelivery === "cookie") requireSameOrigin(c);
  const db = c.var.db();
  const user = await createAccount(db, { email, passwordHash: await hashPassword(password) });
  if (!user) throw new ProblemError(409, "email_taken", "An account with this email already exists.");
  return c.json(await deliverSession(c, user, await issueRefreshToken(db, user.id), tokenDelivery), 201);
});
