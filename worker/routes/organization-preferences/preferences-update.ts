import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { replaceOrganizationPreferences } from "../../preferences/organization-preferences.ts";
import { organizationPreferencesView } from "./preferences-schemas.ts";

const route = createRoute({
  method: "put",
  path: "/preferences",
  tags: ["Organizations"],
  summary: "Set the organization's default job options",
  description:
    'Replaces the whole set (`{ "jobDefaults": {} }` clears it), with the fields and checks of a job\'s `options`; ' +
    "unknown fields answer 422 `unknown_field`. Admins and owners only, with their own access token.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("organization:preferences")] as const,
  request: jsonBody(organizationPreferencesView),
  responses: {
    200: jsonContent(organizationPreferencesView, "The preferences, set."),
    ...problemResponses(400, 401, 403, 422),
  },
});

export const organizationPreferencesUpdate = createRouter().openapi(route, async (c) =>
  c.json(await replaceOrganizationPreferences(c.var.db(), c.var.auth.organizationId, c.req.valid("json")), 200),
);
