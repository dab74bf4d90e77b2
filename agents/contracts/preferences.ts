import { z } from "zod";
import { JobOptionChoices } from "./job.ts";

/** Which emails a user wants about their jobs; both off until the user turns them on. */
export const NotificationChoices = z.strictObject({
  emailOnCompleted: z.boolean(),
  emailOnFailed: z.boolean(),
});
export type NotificationChoices = z.infer<typeof NotificationChoices>;

/**
 * A user's preferences (`GET /v1/me/preferences`): the job options a job starts from where its
 * request leaves a field out (job > user > organization > built-in), and the emails wanted.
 */
export const UserPreferences = z.object({
  jobDefaults: JobOptionChoices,
  notifications: NotificationChoices,
});
export type UserPreferences = z.infer<typeof UserPreferences>;

/**
 * A change to them (`PATCH /v1/me/preferences`): `jobDefaults` replaces the whole set (`{}`
 * clears it), each notification choice given is set on its own. Unknown fields are refused.
 *
 * @example
 * PreferencesUpdate.parse({ notifications: { emailOnFailed: true } });
 */
export const PreferencesUpdate = z.strictObject({
  jobDefaults: JobOptionChoices.optional(),
  notifications: NotificationChoices.partial().optional(),
});
export type PreferencesUpdate = z.infer<typeof PreferencesUpdate>;

/**
 * An organization's preferences (`/v1/organization/preferences`): default job options under
 * each member's own. A change replaces the whole set; admins and owners make it.
 */
export const OrganizationPreferences = z.strictObject({ jobDefaults: JobOptionChoices });
export type OrganizationPreferences = z.infer<typeof OrganizationPreferences>;
