import { createRoute } from "@hono/zod-openapi";
import { buildResults } from "../../jobs/results.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams, resultsView } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}/results",
  tags: ["Jobs"],
  summary: "Get a completed job's results",
  description:
    "Highlights in timeline order (with clip and thumbnail URLs), chapters, the source lecture, slides, the reel, transcripts (JSON, WebVTT, SRT) and stats. URLs are short-lived presigned GETs.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { params: jobIdParams },
  responses: { 200: jsonContent(resultsView, "The results."), ...problemResponses(400, 401, 403, 404, 409, 410) },
});

export const results = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  return c.json(await buildResults(c.env, c.var.db(), job), 200);
});
