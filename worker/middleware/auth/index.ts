import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { verifyAccessToken } from "../../auth/access-token.ts";
import { API_KEY_PREFIX, useApiKey } from "../../auth/api-keys.ts";
import type { Auth } from "../../auth/caller.ts";
import { type Action, actionScopes, can } from "../../auth/policy.ts";
import { findMembership, ORGANIZATION_HEADER, requireMembership } from "../../auth/request-organization.ts";
import { allScopes, toScopeSet } from "../../auth/scopes.ts";
import type { AppEnv } from "../../env.ts";
import { ActionForbiddenError, ForbiddenError, UnauthorizedError } from "../../errors/problem.ts";

const bearerPattern = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/**
 * Requires `Authorization: Bearer <access token | API key>` and sets `c.var.auth`, including
 * the organization the request acts in (`Lh-Organization`, or the user's personal one; an API
 * key's own). Answers 401 problem+json (`unauthorized`, or `token_expired` so a client knows to
 * refresh), or 404 for an organization the user is not a member of.
 *
 * @example
 * const jobs = createRouter().use(authenticate());
 * jobs.get("/", authorize("jobs:read"), (c) => listJobs(c.var.db(), c.var.auth.organizationId));
 */
export function authenticate() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const credential = bearerPattern.exec(c.req.header("authorization") ?? "")?.[1];
    if (!credential) throw new UnauthorizedError("Send Authorization: Bearer <access token or API key>.");
    c.set("auth", await identify(c, credential));
    await next();
  });
}

/** Resolves a raw credential (access token or API key) to who is calling and where, or throws 401 (404). */
export async function identify(c: Context<AppEnv>, credential: string): Promise<Auth> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const key = await useApiKey(c.var.db(), credential);
    // A key stops working when its creator leaves the organization: it acted with their role.
    const membership = key && (await findMembership(c.var.db(), key.userId, key.organizationId));
    if (!key || !membership) throw new UnauthorizedError("The API key is not valid or has been revoked.");
    return { userId: key.userId, ...membership, kind: "api_key", scopes: toScopeSet(key.scopes) };
  }
  const userId = await verifyAccessToken(c.env, credential);
  const membership = await requireMembership(c.var.db(), userId, c.req.header(ORGANIZATION_HEADER));
  return { userId, ...membership, kind: "user", scopes: allScopes };
}

/**
 * Throws unless the caller may perform `action` in the request's organization: the one policy
 * (worker/auth/policy.ts) for the role, 403 `forbidden` naming the action; for an API key also
 * the action's scope (403 `insufficient_scope`), and actions without one need a user's access
 * token (403 `user_token_required`).
 *
 * @example
 * assertAllowed(auth, "jobs:read");
 */
export function assertAllowed(auth: Auth, action: Action): void {
  if (auth.kind === "api_key") {
    const scope = actionScopes[action];
    if (!scope) {
      throw new ForbiddenError("This action needs a user's access token, not an API key.", "user_token_required");
    }
    if (!auth.scopes.has(scope))
      throw new ForbiddenError(`This API key lacks the ${scope} scope.`, "insufficient_scope");
  }
  if (!can(auth.role, action)) throw new ActionForbiddenError(auth.role, action);
}

/**
 * Lets the request through only if the caller may perform `action` (see `assertAllowed`).
 * Use after `authenticate()`; every route names its action this way.
 *
 * @example
 * app.post("/v1/jobs", authenticate(), authorize("jobs:write"), createJob);
 */
export function authorize(action: Action) {
  return createMiddleware<AppEnv>(async (c, next) => {
    assertAllowed(c.var.auth, action);
    await next();
  });
}
