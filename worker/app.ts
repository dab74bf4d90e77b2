import { onError, problemResponse } from "./errors/on-error.ts";
import { ProblemError } from "./errors/problem.ts";
import { jsonBodyLimit } from "./middleware/body-limit/index.ts";
import { database } from "./middleware/database/index.ts";
import { logger } from "./middleware/logger/index.ts";
import { requestMetrics } from "./middleware/metrics/index.ts";
import { requestId } from "./middleware/request-id/index.ts";
import { securityHeadersMiddleware } from "./middleware/security-headers/index.ts";
import { unlisted } from "./middleware/unlisted/index.ts";
import { createRouter } from "./openapi/router.ts";
import { apiKeysRoutes } from "./routes/api-keys/index.ts";
import { auth } from "./routes/auth/index.ts";
import { mountDocs } from "./routes/docs/index.ts";
import { health } from "./routes/health/index.ts";
import { internal } from "./routes/internal/index.ts";
import { jobsRoutes } from "./routes/jobs/index.ts";
import { me } from "./routes/me/index.ts";
import { organizationPreferencesRoutes } from "./routes/organization-preferences/index.ts";
import { invitationsRoutes, organizationsRoutes } from "./routes/organizations/index.ts";
import { sharedRoutes } from "./routes/shared/index.ts";
import { sharesRoutes } from "./routes/shares/index.ts";
import { uploadsRoutes } from "./routes/uploads/index.ts";
import { usageRoutes } from "./routes/usage/index.ts";
import { isWebAppRequest } from "./routes/web-app.ts";
import { webhooksRoutes } from "./routes/webhooks/index.ts";

/** The HTTP API. Each route group lives in its own folder under routes/ and is mounted here. */
export function createApp() {
  const app = createRouter();
  app.use(securityHeadersMiddleware(), requestId(), logger(), requestMetrics(), database());
  app.use("/v1/*", jsonBodyLimit());
  app.use("/v1/shared/*", unlisted());
  app.use("/s/*", unlisted());
  app.route("/health", health);
  app.route("/internal", internal);
  app.route("/v1/auth", auth);
  app.route("/v1/me", me);
  app.route("/v1/organization", organizationPreferencesRoutes);
  app.route("/v1/api-keys", apiKeysRoutes);
  app.route("/v1/jobs", jobsRoutes);
  app.route("/v1/jobs", sharesRoutes);
  app.route("/v1/shared", sharedRoutes);
  app.route("/v1/uploads", uploadsRoutes);
  app.route("/v1/usage", usageRoutes);
  app.route("/v1/webhooks", webhooksRoutes);
  app.route("/v1/organizations", organizationsRoutes);
  app.route("/v1/invitations", invitationsRoutes);
  mountDocs(app);
  app.notFound((c) =>
    isWebAppRequest(c)
      ? c.env.ASSETS.fetch(c.req.raw)
      : problemResponse(c, new ProblemError(404, "not_found", `No route for ${c.req.method} ${c.req.path}.`)),
  );
  app.onError(onError);
  return app;
}
