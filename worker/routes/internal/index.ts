import { createRouter } from "../../openapi/router.ts";
import { jobEvents } from "./job-events.ts";

/** Calls from our own media workers, authenticated by signature rather than by user. */
export const internal = createRouter().route("/jobs", jobEvents);
