import { createRouter } from "../../openapi/router.ts";
import { create } from "./create.ts";
import { list } from "./list.ts";
import { revoke } from "./revoke.ts";

/** `/v1/jobs/{id}/shares`: an owner's public links to a job's results. */
export const sharesRoutes = createRouter().route("/", create).route("/", list).route("/", revoke);
