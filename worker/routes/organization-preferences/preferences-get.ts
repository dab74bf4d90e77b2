import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { readOrganizationPreferences } from "../../preferences/organization-preferences.ts";
import { organizationPreferencesView } from "./preferences-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/preferences",
  tags: ["Organizations"],
  summary: "The organization's default job options",
  description:
    "The request's organization (`Lh-Organization`, or the personal one). Its `jobDefaults` fill in what a job's " +
    "`options` and its creator's own defaults leave out (job > user > organization > built-in). Any member may read them.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("organization:read")] as const,
  responses: { 200: jsonContent(organizationPreferencesView, "The preferences."), ...problemResponses(401, 403) },
});

export const organizationPreferencesGet = createRouter().openapi(route, async (c) =>
  c.json(await readOrganizationPreferences(c.var.db(), c.var.auth.organizationId), 200),
);
