import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { jobEvents } from "./job-events.ts";

/** Calls from our own media workers, authenticated by signature rather than by user. */
export const internal = new Hono<AppEnv>().route("/jobs", jobEvents);
