import type { OrganizationRole } from "./roles.ts";
import type { Scope } from "./scopes.ts";

/**
 * Everything a member may be allowed to do in an organization. Every route names one of these
 * through `authorize()` (worker/middleware/auth/index.ts); nothing else decides access.
 */
export const actions = [
  "jobs:read",
  "jobs:write",
  "uploads:write",
  "api_keys:manage",
  "webhooks:manage",
  "organization:read",
  "organization:create",
  "invitations:accept",
  "members:manage",
  "usage:manage",
  "organization:delete",
  /** One's own preferences (default job options, emails): every member keeps their own. */
  "preferences:read",
  "preferences:manage",
  /** The organization's default job options, under every member's own. */
  "organization:preferences",
] as const;

export type Action = (typeof actions)[number];

/** Starting an organization of one's own and joining another are open to every member. */
const viewer: readonly Action[] = [
  "jobs:read",
  "organization:read",
  "organization:create",
  "invitations:accept",
  "preferences:read",
  "preferences:manage",
];
const editor: readonly Action[] = [...viewer, "jobs:write", "uploads:write"];
const admin: readonly Action[] = [
  ...editor,
  "api_keys:manage",
  "webhooks:manage",
  "members:manage",
  "organization:preferences",
  "usage:manage",
];

/** The policy: what each role may do. */
export const permissions: Readonly<Record<OrganizationRole, ReadonlySet<Action>>> = {
  viewer: new Set(viewer),
  editor: new Set(editor),
  admin: new Set(admin),
  owner: new Set(actions),
};

/**
 * The API key scope an action needs besides the role; actions without one are for a user's own
 * access token only (an API key cannot manage keys or members, or a leaked key could widen itself).
 */
export const actionScopes: Readonly<Record<Action, Scope | null>> = {
  "jobs:read": "jobs:read",
  "jobs:write": "jobs:write",
  "uploads:write": "uploads:write",
  "webhooks:manage": "webhooks:manage",
  "api_keys:manage": null,
  "organization:read": null,
  "organization:create": null,
  "invitations:accept": null,
  "members:manage": null,
  // Setting the monthly limits: a key cannot raise the limits it is held to.
  "usage:manage": null,
  "organization:delete": null,
  "preferences:read": "jobs:read",
  "preferences:manage": "jobs:write",
  "organization:preferences": null,
};

/**
 * Whether a member with `role` may perform `action`.
 *
 * @example
 * can("viewer", "jobs:write"); // false
 * can("editor", "jobs:write"); // true
 */
export function can(role: OrganizationRole, action: Action): boolean {
  return permissions[role].has(action);
}

/**
 * Whether `actor` may change a member who holds `target` (remove them, or give them `next`):
 * it needs `members:manage`, and only an owner may touch an owner or make one.
 *
 * @example
 * canChangeMember("admin", "editor", "viewer"); // true
 * canChangeMember("admin", "owner", "admin"); // false: an admin cannot demote the owner
 */
export function canChangeMember(actor: OrganizationRole, target: OrganizationRole, next?: OrganizationRole): boolean {
  if (!can(actor, "members:manage")) return false;
  return actor === "owner" || (target !== "owner" && next !== "owner");
}
