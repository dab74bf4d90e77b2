import { createRouter } from "../../openapi/router.ts";
import { login } from "./login.ts";
import { logout } from "./logout.ts";
import { refresh } from "./refresh.ts";
import { register } from "./register.ts";

/** `/v1/auth`: accounts and sessions. Public routes; each is rate limited or single use. */
export const auth = createRouter().route("/", register).route("/", login).route("/", refresh).route("/", logout);
