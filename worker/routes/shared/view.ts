import { createRoute } from "@hono/zod-openapi";
import { buildResults } from "../../jobs/results.ts";
import { rateLimit } from "../../middleware/rate-limit/index.ts";
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
    "no job id, no stats, and the lecture's URL is `/v1/shared/{token}/lecture`, not storage's, which names the account. " +
    "An unknown, expired or revoked token answers the same 404 `share_not_found`. " +
    "Limited to 60 a minute per address (a player seeks through `/lecture`, which allows 600). " +
    "Answers carry `X-Robots-Tag: noindex`, `Referrer-Policy: no-referrer` and `Cache-Control: no-store`.",
  security: publicSecurity,
  middleware: [rateLimit({ name: "shared-view", limit: 60, windowSeconds: 60 })] as const,
  request: { params: tokenParams },
  responses: { 200: jsonContent(sharedJobView, "The shared results."), ...problemResponses(404, 410, 429) },
});

export const view = createRouter().openapi(route, async (c) => {
  const { token } = c.req.valid("param");
  const { job, expiresAt } = await findSharedJob(c.var.db(), token);
  const { jobId: _jobId, stats: _stats, ...results } = await buildResults(c.env, c.var.db(), job);
  // The lecture plays through the API: its presigned URL would name the owner's account.
  const source = results.source && {
    ...results.source,
    url: new URL(`/v1/shared/${encodeURIComponent(token)}/lecture`, c.env.PUBLIC_BASE_URL).toString(),
  };
  return c.json({ name: job.name, expiresAt: expiresAt.toISOString(), results: { ...results, source } }, 200);
});
