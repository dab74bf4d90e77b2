import { createRouter } from "../../openapi/router.ts";
import { organizationPreferencesGet } from "./preferences-get.ts";
import { organizationPreferencesUpdate } from "./preferences-update.ts";

/** `/v1/organization`: the request's organization (`Lh-Organization`, or the personal one). */
export const organizationRoutes = createRouter()
  .route("/", organizationPreferencesGet)
  .route("/", organizationPreferencesUpdate);
