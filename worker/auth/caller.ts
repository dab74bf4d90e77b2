import type { OrganizationRole } from "./roles.ts";
import type { Scope } from "./scopes.ts";

/**
 * Who is calling and where: a user with their own access token (every scope), or one of the
 * organization's API keys; `organizationId` is the organization the request acts in, `role` the
 * user's (for a key: its creator's) role there.
 */
export type Auth = {
  userId: string;
  organizationId: string;
  role: OrganizationRole;
  kind: "user" | "api_key";
  scopes: ReadonlySet<Scope>;
};

/** The organization whose rows a request reads (`c.var.auth` is one). */
export type Owner = Pick<Auth, "organizationId">;

/** The organization a request writes rows for and the user who creates them (`c.var.auth` is one). */
export type Actor = Pick<Auth, "organizationId" | "userId">;
