import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { readUserPreferences } from "../../preferences/user-preferences.ts";
import { preferencesView } from "./preferences-schemas.ts";

const route = createRoute({
  method: "get",
  path: "/preferences",
  tags: ["Auth"],
  summary: "The caller's default job options and email choices",
  description:
    "`jobDefaults` fill in what a new job's `options` leave out (the job's own options win, then these, then the " +
    "organization's, then the built-in defaults); `notifications` say which emails the account gets.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("preferences:read")] as const,
  responses: { 200: jsonContent(preferencesView, "The preferences."), ...problemResponses(401, 403) },
});

export const preferencesGet = createRouter().openapi(route, async (c) =>
  c.json(await readUserPreferences(c.var.db(), c.var.auth.userId), 200),
);
