import { createRouter } from "../../openapi/router.ts";
import { live } from "./live.ts";
import { ready } from "./ready.ts";

export const health = createRouter().route("/", live).route("/ready", ready);
