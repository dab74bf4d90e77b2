import { createRoute } from "@hono/zod-openapi";
import { NotFoundError } from "../../errors/problem.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { revokeShare } from "../../shares/shares.ts";
import { findOwnedJob } from "../jobs/owned-job.ts";
import { shareParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}/shares/{shareId}",
  tags: ["Sharing"],
  summary: "Revoke a share link",
  description: "The link stops working at once and shows the same 404 as one that never existed.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:write")] as const,
  request: { params: shareParams },
  responses: { 204: { description: "Revoked." }, ...problemResponses(400, 401, 403, 404) },
});

export const revoke = createRouter().openapi(route, async (c) => {
  const { id, shareId } = c.req.valid("param");
  const job = await findOwnedJob(c.var.db(), c.var.auth, id);
  if (!(await revokeShare(c.var.db(), job.id, shareId))) throw new NotFoundError("share link");
  return c.body(null, 204);
});
