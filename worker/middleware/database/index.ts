import { createMiddleware } from "hono/factory";
import { createDatabase } from "../../../db/client.ts";
import type { AppEnv } from "../../env.ts";

/**
 * Makes `c.var.db()` available: the connection pool is opened on first use only and ended
 * after the response, because Workers must not reuse connections across requests.
 *
 * @example
 * app.use(database());
 * app.get("/users", async (c) => c.json(await c.var.db().select().from(users)));
 */
export function database() {
  return createMiddleware<AppEnv>(async (c, next) => {
    let handle: ReturnType<typeof createDatabase> | undefined;
    c.set("db", () => {
      handle ??= createDatabase(c.env);
      return handle.db;
    });
    try {
      await next();
    } finally {
      if (handle) c.executionCtx.waitUntil(handle.close());
    }
  });
}
