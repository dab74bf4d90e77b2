/**
 * A member's role in an organization, from most to least powerful. This list is the only
 * definition: the database enum, the policy, validation, the OpenAPI document and the web app
 * import it (which is why it imports no zod: the web bundle stays small).
 */
export const organizationRoles = ["owner", "admin", "editor", "viewer"] as const;

export type OrganizationRole = (typeof organizationRoles)[number];
