import { PreferencesUpdate, UserPreferences } from "../../../agents/contracts/preferences.ts";

export const preferencesView = UserPreferences.openapi("Preferences");
export const preferencesUpdateBody = PreferencesUpdate.openapi("PreferencesUpdate");
