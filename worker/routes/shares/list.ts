import { createRoute } from "@hono/zod-openapi";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { listShares } from "../../shares/shares.ts";
import { findOwnedJob } from "../jobs/owned-job.ts";
import { jobIdParams } from "../jobs/schemas.ts";
import { publicShare, shareList } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}/shares",
  tags: ["Sharing"],
  summary: "List a job's working share links",
  description: "Newest first; expired and revoked links are not listed. Tokens are never shown again.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: { params: jobIdParams },
  responses: { 200: jsonContent(shareList, "The links."), ...problemResponses(400, 401, 403, 404) },
});

export const list = createRouter().openapi(route, async (c) => {
  const job = await findOwnedJob(c.var.db(), c.var.auth, c.req.valid("param").id);
  return c.json({ data: (await listShares(c.var.db(), job.id)).map(publicShare) }, 200);
});
