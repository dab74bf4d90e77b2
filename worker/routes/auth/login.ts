import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../../auth/password.ts";
import { issueRefreshToken } from "../../auth/refresh-tokens.ts";
import { sessionBody } from "../../auth/session.ts";
import { UnauthorizedError } from "../../errors/problem.ts";
import { authLimits, enforceRateLimit } from "../../limits/rules.ts";
import { rateLimit } from "../../middleware/rate-limit/index.ts";
import { jsonBody, jsonContent, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { loginSchema, sessionSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  security: publicSecurity,
  summary: "Log in with email and password",
  description: "Limited to 10 attempts a minute per address and per account.",
  middleware: [rateLimit(authLimits.loginPerAddress)] as const,
  request: jsonBody(loginSchema),
  responses: { 200: jsonContent(sessionSchema, "A new session."), ...problemResponses(400, 401, 413, 429) },
});

export const login = createRouter().openapi(route, async (c) => {
  const { email, password } = c.req.valid("json");
  // Per account too: guessing one account's password from many addresses is still limited.
  await enforceRateLimit(c.env, authLimits.loginPerAccount, email);
  const db = c.var.db();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const { valid, needsRehash } = await verifyPassword(password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !valid) throw new UnauthorizedError("The email or password is wrong.", "invalid_credentials");
  if (needsRehash) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
      .where(eq(users.id, user.id));
  }
  return c.json(await sessionBody(c.env, user, await issueRefreshToken(db, user.id)), 200);
});
