import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { live } from "./live.ts";
import { ready } from "./ready.ts";

export const health = new Hono<AppEnv>().route("/", live).route("/ready", ready);
