import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { publicDocument } from "./public-document.ts";
import { apiReferencePage, apiReferenceStart, apiReferenceStartPath } from "./reference-page.ts";
import { registerSecuritySchemes } from "./security-schemes.ts";

export const openApiPath = "/openapi.json";
export const docsPath = "/docs";

/**
 * Serves the OpenAPI 3.1 document built from the routes' own zod schemas (internal endpoints
 * left out), and an interactive reference over it that loads nothing from outside our origin.
 * Call after every route group is mounted.
 *
 * @example
 * mountDocs(app); // GET /openapi.json, GET /docs
 */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  registerSecuritySchemes(app.openAPIRegistry);
  app.get(openApiPath, (c) =>
    c.json(
      publicDocument(
        app.getOpenAPI31Document({
          openapi: "3.1.0",
          info: {
            title: "Lecture Highlights API",
            version: "1.0.0",
            description:
              "Turns lecture recordings into highlights. Errors are `application/problem+json` (RFC 9457) with a stable `code`.",
            // OpenAPI 3.1's SPDX `identifier`, which the generator's 3.0-era types lack.
            license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" } as { name: string },
          },
          servers: [{ url: new URL(c.req.url).origin }],
        }),
      ),
    ),
  );
  app.get(docsPath, apiReferencePage);
  app.get(apiReferenceStartPath, apiReferenceStart(openApiPath));
}
