import { createRoute } from "@hono/zod-openapi";
import { buildResults } from "../../jobs/results.ts";
import { jsonContent, problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findSharedJob } from "../../shares/shares.ts";
import { sharedJobView, tokenParams } from "../shares/schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{token}",
  tags: ["Sharing"],
  summary: "Open a share link (no account needed)",
  description:
    "A shared job's name and results, read-only, with short-lived presigned URLs, and nothing about its owner: " +
    "no job id, no stats, and not the uploaded lecture (its storage address names the account). " +
    "An unknown, expired or revoked token answers the same 404 `share_not_found`. " +
    "Answers carry `X-Robots-Tag: noindex`, `Referrer-Policy: no-referrer` and `Cache-Control: no-store`.",
  security: publicSecurity,
  request: { params: tokenParams },
  responses: { 200: jsonContent(sharedJobView, "The shared results."), ...problemResponses(404, 410) },
});

export const view = createRouter().openapi(route, async (c) => {
  const { job, expiresAt } = await findSharedJob(c.var.db(), c.req.valid("param").token);
  const { jobId: _jobId, stats: _stats, ...results } = await buildResults(c.env, c.var.db(), job);
  return c.json({ name: job.name, expiresAt: expiresAt.toISOString(), results: { ...results, source: null } }, 200);
});
