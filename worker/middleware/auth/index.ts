import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { verifyAccessToken } from "../../auth/access-token.ts";
import { API_KEY_PREFIX, useApiKey } from "../../auth/api-keys.ts";
import type { Auth } from "../../auth/caller.ts";
import { allScopes, type Scope, toScopeSet } from "../../auth/scopes.ts";
import type { AppEnv } from "../../env.ts";
import { ForbiddenError, UnauthorizedError } from "../../errors/problem.ts";

const bearerPattern = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/**
 * Requires `Authorization: Bearer <access token | API key>` and sets `c.var.auth`. Answers 401
 * problem+json (`unauthorized`, or `token_expired` so a client knows to refresh) otherwise.
 *
 * @example
 * const jobs = createRouter().use(authenticate());
 * jobs.get("/", requireScope("jobs:read"), (c) => listJobs(c.var.db(), c.var.auth.userId));
 */
export function authenticate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const credential = bearerPattern.exec(c.req.header("authorization") ?? "")?.[1];
    if (!credential) throw new UnauthorizedError("Send Authorization: Bearer <access token or API key>.");
    c.set("auth", await identify(c, credential));
    await next();
  });
}

/** Resolves a raw credential (access token or API key) to who is calling, or throws 401. */
export async function identify(c: Context<AppEnv>, credential: string): Promise<Auth> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const key = await useApiKey(c.var.db(), credential);
    if (!key) throw new UnauthorizedError("The API key is not valid or has been revoked.");
    return { userId: key.userId, kind: "api_key", scopes: toScopeSet(key.scopes) };
  }
  return { userId: await verifyAccessToken(c.env, credential), kind: "user", scopes: allScopes };
}

/**
 * Lets the request through only if the credential holds `scope`: 403 `insufficient_scope`.
 * Use after `authenticate()`.
 *
 * @example
 * app.post("/v1/jobs", authenticate(), requireScope("jobs:write"), createJob);
 */
export function requireScope(scope: Scope) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.var.auth.scopes.has(scope)) {
      throw new ForbiddenError(`This API key lacks the ${scope} scope.`, "insufficient_scope");
    }
    await next();
  });
}

/**
 * Lets only a user's own access token through (403 `user_token_required`): an API key must not
 * mint or revoke API keys, or a leaked narrow key could widen itself.
 *
 * @example
 * apiKeys.post("/", authenticate(), requireUserToken(), createKey);
 */
export function requireUserToken() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.auth.kind !== "user") {
      throw new ForbiddenError("This action needs a user's access token, not an API key.", "user_token_required");
    }
    await next();
  });
}
