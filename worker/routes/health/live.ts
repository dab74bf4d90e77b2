import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";

/** Liveness: the Worker runs. Depends on nothing, so it never flaps with a dependency. */
export const live = new Hono<AppEnv>().get("/", (c) => c.json({ status: "ok" }));
