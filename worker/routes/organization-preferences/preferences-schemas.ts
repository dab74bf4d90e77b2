import { OrganizationPreferences } from "../../../agents/contracts/preferences.ts";

export const organizationPreferencesView = OrganizationPreferences.openapi("OrganizationPreferences");
