import { createRouter } from "../../openapi/router.ts";
import { get } from "./get.ts";
import { setLimits } from "./set-limits.ts";

/** `/v1/usage`: what an owner's jobs used per month, and the monthly limits they are held to. */
export const usageRoutes = createRouter().route("/", get).route("/", setLimits);
