import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { updateUserPreferences } from "../../preferences/user-preferences.ts";
import { preferencesUpdateBody, preferencesView } from "./preferences-schemas.ts";

const route = createRoute({
  method: "patch",
  path: "/preferences",
  tags: ["Auth"],
  summary: "Change the caller's default job options or email choices",
  description:
    "`jobDefaults` replaces the whole set of default job options (`{}` clears it) and takes the fields and checks " +
    "of a job's `options`; each `notifications` choice given is set. Unknown fields answer 422 `unknown_field`.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("preferences:manage")] as const,
  request: jsonBody(preferencesUpdateBody),
  responses: {
    200: jsonContent(preferencesView, "The preferences, changed."),
    ...problemResponses(400, 401, 403, 422),
  },
});

export const preferencesUpdate = createRouter().openapi(route, async (c) =>
  c.json(await updateUserPreferences(c.var.db(), c.var.auth.userId, c.req.valid("json")), 200),
);
