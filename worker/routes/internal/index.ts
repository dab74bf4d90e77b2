import { INTERNAL_BODY_LIMIT_BYTES } from "../../../agents/contracts/media-protocol.ts";
import { jsonBodyLimit } from "../../middleware/body-limit/index.ts";
import { internalHost } from "../../middleware/internal-host/index.ts";
import { createRouter } from "../../openapi/router.ts";
import { jobEvents } from "./job-events.ts";

/**
 * Calls from our own media workers, on the internal hostname only, authenticated by signature
 * rather than by user. The size limit runs before the signature check: checking a signature
 * means reading the body, so an unsigned 10 MB body must be cut off before that.
 */
export const internal = createRouter()
  .use("*", internalHost())
  .use("*", jsonBodyLimit(INTERNAL_BODY_LIMIT_BYTES))
  .route("/jobs", jobEvents);
