import type { OrganizationRole } from "../auth/roles.ts";

/** An organization as `GET /v1/organizations` lists it. */
export type Organization = { id: string; name: string; personal: boolean; role: OrganizationRole };

// worker/auth/request-organization.ts names it; the bundle does not import that module, as it pulls in the database.
const header = "lh-organization";
const storageKey = (userId: string) => `lh.organization.${userId}`;

/**
 * The organization this browser acts in for `userId` (kept across reloads), or null for their
 * personal one.
 *
 * @example
 * const chosen = selectedOrganization(user.id);
 */
export function selectedOrganization(userId: string): string | null {
  return localStorage.getItem(storageKey(userId));
}

/**
 * Acts in `organizationId` from now on for `userId` (null: their personal organization).
 *
 * @example
 * selectOrganization(user.id, team.id);
 */
export function selectOrganization(userId: string, organizationId: string | null): void {
  if (organizationId) localStorage.setItem(storageKey(userId), organizationId);
  else localStorage.removeItem(storageKey(userId));
}

/** Adds the organization header to an API request's headers when `userId` has chosen one. */
export function withOrganization(headers: Headers, userId: string | undefined): Headers {
  const organization = userId && selectedOrganization(userId);
  if (organization) headers.set(header, organization);
  return headers;
}
