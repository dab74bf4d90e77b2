import { z } from "@hono/zod-openapi";

/**
 * A member's role in an organization, from most to least powerful. This list is the only
 * definition: the database enum, the policy, validation and the OpenAPI document import it.
 */
export const organizationRoles = ["owner", "admin", "editor", "viewer"] as const;

export type OrganizationRole = (typeof organizationRoles)[number];

export const organizationRoleSchema = z.enum(organizationRoles).openapi("OrganizationRole");
