import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { validationHook } from "./validation-hook.ts";

/**
 * A router whose `openapi(route, handler)` routes are validated by their zod schemas and land
 * in `/openapi.json`. Every route group and endpoint file starts from this.
 *
 * @example
 * export const getMe = createRouter().openapi(getMeRoute, (c) => c.json(...));
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
