import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { createRouter } from "../../openapi/router.ts";
import { accountSecretCreateRoute } from "./account-secret-create.ts";
import { accountSecretRotateRoute } from "./account-secret-rotate.ts";
import { accountSecretStatusRoute } from "./account-secret-status.ts";
import { create } from "./create.ts";
import { deliveries } from "./deliveries.ts";
import { list } from "./list.ts";
import { redeliver } from "./redeliver.ts";
import { remove } from "./remove.ts";
import { rotateSecret } from "./rotate-secret.ts";

/** `/v1/webhooks`: endpoints, their deliveries, and the account's secret for per-job URLs. */
export const webhooksRoutes = createRouter()
  .use(authenticate(), authorize("webhooks:manage"))
  .route("/", accountSecretStatusRoute)
  .route("/", accountSecretCreateRoute)
  .route("/", accountSecretRotateRoute)
  .route("/", create)
  .route("/", list)
  .route("/", remove)
  .route("/", rotateSecret)
  .route("/", deliveries)
  .route("/", redeliver);
