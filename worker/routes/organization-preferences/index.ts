import { createRouter } from "../../openapi/router.ts";
import { organizationPreferencesGet } from "./preferences-get.ts";
import { organizationPreferencesUpdate } from "./preferences-update.ts";

/**
 * `/v1/organization/preferences`: the default job options of the organization the request acts in
 * (`Lh-Organization`, or the personal one); the organizations themselves are `/v1/organizations`.
 */
export const organizationPreferencesRoutes = createRouter()
  .route("/", organizationPreferencesGet)
  .route("/", organizationPreferencesUpdate);
