import { createRoute } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { ProblemError } from "../../errors/problem.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { personalOrganization } from "../../organizations/members.ts";
import { inPathOrganization } from "./path-organization.ts";
import { organizationIdParams } from "./schemas.ts";

/** Its jobs and uploads have objects in storage, which a row cascade would leave behind. */
const organizationNotEmpty = () =>
  new ProblemError(409, "organization_not_empty", "Delete the organization's jobs and uploads first.");

const route = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Organizations"],
  summary: "Delete an organization",
  description:
    "Owners only. Deletes its memberships, invitations, API keys and webhook endpoints; an organization " +
    "that still has jobs or uploads (pending or completed) answers 409 `organization_not_empty` (delete them first). A personal " +
    "organization cannot be deleted (409 `personal_organization`).",
  security: bearerSecurity,
  middleware: [authenticate(), inPathOrganization(), authorize("organization:delete")] as const,
  request: { params: organizationIdParams },
  responses: { 204: { description: "Deleted." }, ...problemResponses(400, 401, 403, 404, 409) },
});

export const remove = createRouter().openapi(route, async (c) => {
  const { organizationId } = c.var.auth;
  const o = schema.organizations;
  await c.var.db().transaction(async (tx) => {
    const [row] = await tx.select().from(o).where(eq(o.id, organizationId)).for("update");
    if (row?.personalUserId) throw personalOrganization("deleted");
    const jobs = await tx.$count(schema.jobs, eq(schema.jobs.organizationId, organizationId));
    // Aborted and expired uploads have had their bytes discarded already.
    const uploads = await tx.$count(
      schema.uploads,
      and(eq(schema.uploads.organizationId, organizationId), inArray(schema.uploads.status, ["pending", "completed"])),
    );
    if (jobs + uploads > 0) throw organizationNotEmpty();
    await tx.delete(o).where(eq(o.id, organizationId));
  });
  return c.body(null, 204);
});
