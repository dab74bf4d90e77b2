import { createRoute, z } from "@hono/zod-openapi";
import { MAX_PARTS } from "../../../agents/contracts/upload-parts.ts";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { Bucket } from "../../storage/bucket.ts";
import { completeUpload } from "../../uploads/complete.ts";
import { findOwnUpload } from "../../uploads/rows.ts";
import { publicUpload, uploadIdParams, uploadSchema } from "./schemas.ts";

const completeUploadSchema = z
  .object({
    parts: z
      .array(z.object({ partNumber: z.int().min(1).max(MAX_PARTS), etag: z.string().min(1).max(200) }))
      .max(MAX_PARTS)
      .optional()
      .openapi({ description: "Multipart: the ETag each part's PUT returned, checked against the storage." }),
  })
  .openapi("CompleteUploadRequest");

const route = createRoute({
  method: "post",
  path: "/{id}/complete",
  tags: ["Uploads"],
  summary: "Complete an upload once its bytes are in storage",
  description:
    "Assembles a multipart upload, then checks that the object exists with the declared size. " +
    "On `upload_parts_missing` (409, `errors` names the parts), `upload_not_found_in_storage` (409) " +
    "or `upload_size_mismatch` (422) the upload stays pending: send the bytes again and retry. " +
    "Completing a completed upload returns it again.",
  security: bearerSecurity,
  request: {
    params: uploadIdParams,
    body: { required: false, content: { "application/json": { schema: completeUploadSchema } } },
  },
  responses: {
    200: jsonContent(uploadSchema, "The completed upload."),
    ...problemResponses(400, 401, 403, 404, 409, 422),
  },
});

export const complete = createRouter().openapi(route, async (c) => {
  const row = await findOwnUpload(c.var.db(), c.var.auth, c.req.valid("param").id);
  const completed = await completeUpload(c.var.db(), new Bucket(c.env), row, c.req.valid("json")?.parts);
  return c.json(publicUpload(completed), 200);
});
