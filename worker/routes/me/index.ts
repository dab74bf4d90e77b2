import { createRouter } from "../../openapi/router.ts";
import { getMe } from "./get.ts";
import { preferencesGet } from "./preferences-get.ts";
import { preferencesUpdate } from "./preferences-update.ts";

/** `/v1/me`: the calling account, and its preferences. */
export const me = createRouter().route("/", getMe).route("/", preferencesGet).route("/", preferencesUpdate);
