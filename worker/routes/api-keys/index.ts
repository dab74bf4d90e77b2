import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { createRouter } from "../../openapi/router.ts";
import { create } from "./create.ts";
import { list } from "./list.ts";
import { revoke } from "./revoke.ts";

/** `/v1/api-keys`: managed with a user's own token only, so a key cannot mint or widen keys. */
export const apiKeysRoutes = createRouter()
  .use(authenticate(), authorize("api_keys:manage"))
  .route("/", create)
  .route("/", list)
  .route("/", revoke);
