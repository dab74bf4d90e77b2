import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";

/** The reference UI's script, copied from node_modules into our static assets by build:web. */
export const apiReferenceScriptPath = "/vendor/scalar-api-reference.js";

/** The script that starts the reference UI: a file of its own, since the CSP refuses inline script. */
export const apiReferenceStartPath = "/docs/start.js";

// The theme's greys and method colours are lighter than WCAG AA allows on white; the agent and SDK buttons reach
// Scalar's hosted services, which a self-hosted offline reference must not offer.
const customCss = `
.light-mode { --scalar-color-2: #4a4a4a; --scalar-color-3: #595959; }
.request-method.uppercase { color: var(--scalar-color-1) !important; }
.agent-button-container, .generate-sdk-button { display: none !important; }
`;

const page = `<!doctype html>
<html lang="en">
  <head>
    <title>Lecture Highlights API</title>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
  </head>
  <body>
    <div id="app"></div>
    <script src="${apiReferenceScriptPath}"></script>
    <script src="${apiReferenceStartPath}"></script>
  </body>
</html>
`;

/**
 * The interactive API reference over `documentUrl`, loading nothing from outside our origin and
 * running no inline script: the page loads Scalar's script and then the one `apiReferenceStart`
 * serves.
 *
 * @example
 * app.get("/docs", apiReferencePage);
 */
export function apiReferencePage(c: Context<AppEnv>) {
  return c.html(page);
}

/**
 * The reference UI's start, configured for `documentUrl`.
 *
 * @example
 * app.get(apiReferenceStartPath, apiReferenceStart("/openapi.json"));
 */
export function apiReferenceStart(documentUrl: string) {
  const configuration = {
    url: documentUrl,
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: false,
    forceDarkModeState: "light",
    hideDarkModeToggle: true,
    mcp: { disabled: true },
    customCss,
  };
  const script = `Scalar.createApiReference("#app", ${JSON.stringify(configuration)});\n`;
  return (c: Context<AppEnv>) => c.body(script, 200, { "content-type": "text/javascript; charset=utf-8" });
}
