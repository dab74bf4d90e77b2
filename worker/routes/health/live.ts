import { createRoute, z } from "@hono/zod-openapi";
import { jsonContent, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Health"],
  security: publicSecurity,
  summary: "Liveness",
  responses: { 200: jsonContent(z.object({ status: z.literal("ok") }), "The Worker runs.") },
});

/** Liveness: the Worker runs. Depends on nothing, so it never flaps with a dependency. */
export const live = createRouter().openapi(route, (c) => c.json({ status: "ok" as const }, 200));
