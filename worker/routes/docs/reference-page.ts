import { Scalar } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";

/** The reference UI's script, copied from node_modules into our static assets by build:web. */
export const apiReferenceScriptPath = "/vendor/scalar-api-reference.js";

// The theme's greys and method colours are lighter than WCAG AA allows on white; the agent and SDK buttons reach
// Scalar's hosted services, which a self-hosted offline reference must not offer.
const customCss = `
.light-mode { --scalar-color-2: #4a4a4a; --scalar-color-3: #595959; }
.request-method.uppercase { color: var(--scalar-color-1) !important; }
.agent-button-container, .generate-sdk-button { display: none !important; }
`;

/**
 * The interactive API reference over `documentUrl`, loading nothing from outside our origin.
 *
 * @example
 * app.get("/docs", apiReferencePage("/openapi.json"));
 */
export function apiReferencePage(documentUrl: string) {
  const render = Scalar<AppEnv>({
    url: documentUrl,
    pageTitle: "Lecture Highlights API",
    cdn: apiReferenceScriptPath,
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: false,
    forceDarkModeState: "light",
    hideDarkModeToggle: true,
    mcp: { disabled: true },
    customCss,
  });
  return async (c: Context<AppEnv>) => {
    const page = (await render(c, async () => {})) as Response;
    // Scalar's template omits the language, which screen readers need to pick a voice.
    return c.html((await page.text()).replace("<html>", '<html lang="en">'));
  };
}
