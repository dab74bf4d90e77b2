import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { onError, problemResponse } from "./errors/on-error.ts";
import { ProblemError } from "./errors/problem.ts";
import { database } from "./middleware/database/index.ts";
import { logger } from "./middleware/logger/index.ts";
import { requestId } from "./middleware/request-id/index.ts";
import { health } from "./routes/health/index.ts";
import { internal } from "./routes/internal/index.ts";

/** The HTTP API. Each route group lives in its own folder under routes/ and is mounted here. */
export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(requestId(), logger(), database());
  app.route("/health", health);
  app.route("/internal", internal);
  app.notFound((c) =>
    problemResponse(c, new ProblemError(404, "not_found", `No route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError(onError);
  return app;
}
