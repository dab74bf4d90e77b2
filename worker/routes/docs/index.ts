import type { OpenAPIHono } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { AppEnv } from "../../env.ts";

export const openApiPath = "/openapi.json";
export const docsPath = "/docs";

/**
 * Serves the OpenAPI 3.1 document built from the routes' own zod schemas, and an interactive
 * reference over it. Call after every route group is mounted.
 *
 * @example
 * mountDocs(app); // GET /openapi.json, GET /docs
 */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A user's access token (JWT) or an API key (`lh_live_…`).",
  });
  app.doc31(openApiPath, (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Lecture Highlights API",
      version: "1.0.0",
      description:
        "Turns lecture recordings into highlights. Errors are `application/problem+json` (RFC 9457) with a stable `code`.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
  }));
  app.get(docsPath, Scalar({ url: openApiPath, pageTitle: "Lecture Highlights API" }));
}
