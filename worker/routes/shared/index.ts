import { createRouter } from "../../openapi/router.ts";
import { lecture } from "./lecture.ts";
import { view } from "./view.ts";

/** `/v1/shared`: what share links open, without an account. */
export const sharedRoutes = createRouter().route("/", view).route("/", lecture);
