import { z } from "@hono/zod-openapi";

/**
 * Everything an API key can be allowed to do. A user's own access token holds every scope.
 * This list is the only definition: routes, validation and the OpenAPI document import it.
 */
export const scopes = ["jobs:read", "jobs:write", "uploads:write", "webhooks:manage"] as const;

export type Scope = (typeof scopes)[number];

export const scopeSchema = z.enum(scopes).openapi("Scope");

/** The full set, handed to user tokens. */
export const allScopes: ReadonlySet<Scope> = new Set(scopes);

/**
 * Keeps the known scopes of a stored list; a scope removed from the code grants nothing.
 *
 * @example
 * toScopeSet(["jobs:read", "retired:scope"]); // Set { "jobs:read" }
 */
export function toScopeSet(values: readonly string[]): ReadonlySet<Scope> {
  return new Set(scopes.filter((scope) => values.includes(scope)));
}
