import { createRoute } from "@hono/zod-openapi";
import { and, eq, inArray } from "drizzle-orm";
import { schema } from "../../../db/client.ts";
import { ProblemError } from "../../errors/problem.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { Bucket } from "../../storage/bucket.ts";
import { discardStoredBytes } from "../../uploads/discard.ts";
import { lockOwnUpload } from "../../uploads/rows.ts";
import { uploadIdParams } from "./schemas.ts";

const route = createRoute({
  method: "delete",
  path: "/{id}",
  tags: ["Uploads"],
  summary: "Abort an upload and delete its file",
  description:
    "Aborts an unfinished multipart upload, deletes the stored file and marks the upload `aborted`. " +
    "Refused with `upload_in_use` (409) while a job is processing it. Repeating it is harmless.",
  security: bearerSecurity,
  request: { params: uploadIdParams },
  responses: { 204: { description: "Aborted and deleted." }, ...problemResponses(400, 401, 403, 404, 409) },
});

export const remove = createRouter().openapi(route, async (c) => {
  const db = c.var.db();
  const row = await db.transaction(async (tx) => {
    const upload = await lockOwnUpload(tx, c.var.auth, c.req.valid("param").id, "update");
    const [activeJob] = await tx
      .select({ id: schema.jobs.id })
      .from(schema.jobs)
      .where(and(eq(schema.jobs.uploadId, upload.id), inArray(schema.jobs.status, ["queued", "processing"])))
      .limit(1);
    if (activeJob) throw new ProblemError(409, "upload_in_use", `Job ${activeJob.id} is processing this upload.`);
    await tx
      .update(schema.uploads)
      .set({ status: "aborted" })
      .where(and(eq(schema.uploads.id, upload.id), inArray(schema.uploads.status, ["pending", "completed"])));
    return upload;
  });
  // After the commit: a job started from now on finds the upload aborted, so the bytes can go.
  await discardStoredBytes(new Bucket(c.env), row);
  return c.body(null, 204);
});
