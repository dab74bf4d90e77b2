import { internalHost } from "../../middleware/internal-host/index.ts";
import { createRouter } from "../../openapi/router.ts";
import { jobEvents } from "./job-events.ts";

/** Calls from our own media workers, on the internal hostname only, authenticated by signature rather than by user. */
export const internal = createRouter().use("*", internalHost()).route("/jobs", jobEvents);
