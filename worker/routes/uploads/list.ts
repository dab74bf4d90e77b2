import { createRoute, z } from "@hono/zod-openapi";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { ValidationError } from "../../errors/problem.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { publicUpload, uploadSchema } from "./schemas.ts";

const { uploads } = schema;

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.uuid().optional().openapi({ description: "`nextCursor` of the previous page." }),
  status: uploadSchema.shape.status.optional(),
});

const route = createRoute({
  method: "get",
  path: "/",
  tags: ["Uploads"],
  summary: "Your uploads, newest first",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: {
    200: jsonContent(
      z.object({ data: z.array(uploadSchema), nextCursor: z.string().nullable() }).openapi("UploadList"),
      "One page; `nextCursor` is null on the last.",
    ),
    ...problemResponses(400, 401, 403),
  },
});

export const list = createRouter().openapi(route, async (c) => {
  const { limit, cursor, status } = c.req.valid("query");
  const { organizationId } = c.var.auth;
  const filters: SQL[] = [eq(uploads.organizationId, organizationId)];
  if (status) filters.push(eq(uploads.status, status));
  // The cursor is the last row's id; comparing against that row's own timestamp keeps the
  // database's microseconds, which a timestamp round-tripped through JavaScript would lose.
  if (cursor) {
    filters.push(
      sql`(${uploads.createdAt}, ${uploads.id}) < (select c.created_at, c.id from uploads c where c.id = ${cursor} and c.organization_id = ${organizationId})`,
    );
  }
  const rows = await c.var
    .db()
    .select()
    .from(uploads)
    .where(and(...filters))
    .orderBy(desc(uploads.createdAt), desc(uploads.id))
    .limit(limit + 1);
  if (cursor && rows.length === 0) {
    // An unknown cursor would read as an empty last page; say so instead.
    const [known] = await c.var
      .db()
      .select({ id: uploads.id })
      .from(uploads)
      .where(and(eq(uploads.id, cursor), eq(uploads.organizationId, organizationId)));
    if (!known) throw new ValidationError([{ path: "cursor", message: "is not a cursor of this list" }]);
  }
  const page = rows.slice(0, limit);
  return c.json({ data: page.map(publicUpload), nextCursor: rows.length > limit ? page.at(-1)!.id : null }, 200);
});
