import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { createRouter } from "../../openapi/router.ts";
import { complete } from "./complete.ts";
import { create } from "./create.ts";
import { remove } from "./delete.ts";
import { get } from "./get.ts";
import { list } from "./list.ts";

/**
 * `/v1/uploads`: lecture files go from the client straight to storage through presigned URLs;
 * these routes hand out the URLs, verify what arrived and clean up. Every route hands out or
 * changes write access to storage, so each needs `uploads:write`.
 */
export const uploadsRoutes = createRouter()
  .use(authenticate(), authorize("uploads:write"))
  .route("/", create)
  .route("/", list)
  .route("/", get)
  .route("/", complete)
  .route("/", remove);
