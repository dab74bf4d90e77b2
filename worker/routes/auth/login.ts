import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { users } from "../../../db/schema.ts";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../../auth/password.ts";
import { requireSameOrigin } from "../../auth/refresh-cookie.ts";
import { issueRefreshToken } from "../../auth/refresh-tokens.ts";
import { deliverSession } from "../../auth/session.ts";
import { RateLimitedError, UnauthorizedError } from "../../errors/problem.ts";
import { authLimits } from "../../limits/rules.ts";
import { clientAddress, rateLimit } from "../../middleware/rate-limit/index.ts";
import { jsonBody, jsonContent, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { loginSchema, sessionSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/login",
  tags: ["Auth"],
  security: publicSecurity,
  summary: "Log in with email and password",
  description:
    "From one address, the first 3 failed attempts on an account cost nothing; after each further one the next " +
    "attempt waits twice as long (2 s, 4 s, … 15 min), without slowing other addresses. An account takes at most 50 " +
    "failures an hour from addresses it never signed in from. One address may try 30 times a minute in all. " +
    "Refusals answer 429 with `Retry-After`.",
  middleware: [rateLimit(authLimits.loginPerAddress)] as const,
  request: jsonBody(loginSchema),
  responses: { 200: jsonContent(sessionSchema, "A new session."), ...problemResponses(400, 401, 403, 413, 429) },
});

export const login = createRouter().openapi(route, async (c) => {
  const { email, password, tokenDelivery } = c.req.valid("json");
  // A forged sign-in would put the attacker's session into the victim's browser.
  if (tokenDelivery === "cookie") requireSameOrigin(c);
  const address = clientAddress(c);
  const throttle = c.env.LOGIN_THROTTLE.get(c.env.LOGIN_THROTTLE.idFromName(email));
  const verdict = await throttle.attempt(address);
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds, "Too many sign-in attempts");
  const db = c.var.db();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const { valid, needsRehash } = await verifyPassword(password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !valid) throw new UnauthorizedError("The email or password is wrong.", "invalid_credentials");
  await throttle.succeeded(address, verdict.at);
  if (needsRehash) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(password), updatedAt: new Date() })
      .where(eq(users.id, user.id));
  }
  return c.json(await deliverSession(c, user, await issueRefreshToken(db, user.id), tokenDelivery), 200);
});
