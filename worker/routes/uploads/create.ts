import { createRoute } from "@hono/zod-openapi";
import { abortMultipartUpload, createMultipartUpload } from "../../../agents/contracts/s3/multipart.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { planUpload } from "../../../agents/contracts/upload-parts.ts";
import { schema } from "../../../db/client.ts";
import { byUser, rateLimit } from "../../middleware/rate-limit/index.ts";
import { bearerSecurity, jsonBody, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { Bucket } from "../../storage/bucket.ts";
import { checkNewUpload } from "../../uploads/new-upload.ts";
import { uploadSettings } from "../../uploads/settings.ts";
import { transferUrls } from "../../uploads/transfer.ts";
import { createUploadSchema, publicUpload, uploadWithUrlsSchema } from "./schemas.ts";

const route = createRoute({
  method: "post",
  path: "/",
  tags: ["Uploads"],
  summary: "Start an upload",
  description:
    "Checks the file's name, type and size and answers with presigned URLs: one PUT up to the " +
    "multipart threshold, otherwise one URL per part (every part but the last of `partSize` bytes). " +
    "The bytes go straight to storage; then call `POST /v1/uploads/{id}/complete`.",
  security: bearerSecurity,
  middleware: [rateLimit({ name: "upload-create", limit: 60, windowSeconds: 60 }, byUser)] as const,
  request: jsonBody(createUploadSchema),
  responses: {
    201: jsonContent(uploadWithUrlsSchema, "The upload and where to send its bytes."),
    ...problemResponses(400, 401, 403, 413, 429),
  },
});

export const create = createRouter().openapi(route, async (c) => {
  const settings = uploadSettings(c.env);
  const upload = checkNewUpload(c.req.valid("json"), settings.maxBytes);
  const plan = planUpload(upload.sizeBytes, settings);
  const id = crypto.randomUUID();
  const objectKey = storageKeys.upload(c.var.auth.organizationId, id, upload.extension);
  const bucket = new Bucket(c.env);
  const multipartUploadId =
    plan.kind === "multipart" ? await createMultipartUpload(bucket, objectKey, upload.contentType) : null;
  try {
    const [row] = await c.var
      .db()
      .insert(schema.uploads)
      .values({
        id,
        organizationId: c.var.auth.organizationId,
        userId: c.var.auth.userId,
        filename: upload.filename,
        contentType: upload.contentType,
        sizeBytes: upload.sizeBytes,
        objectKey,
        multipartUploadId,
        partSize: plan.kind === "multipart" ? plan.partSize : null,
        partCount: plan.kind === "multipart" ? plan.partCount : null,
        expiresAt: new Date(Date.now() + settings.uploadTtlSeconds * 1000),
      })
      .returning();
    return c.json({ ...publicUpload(row!), ...(await transferUrls(bucket, row!, settings, { storedParts: [] })) }, 201);
  } catch (error) {
    if (multipartUploadId) c.executionCtx.waitUntil(abortMultipartUpload(bucket, objectKey, multipartUploadId));
    throw error;
  }
});
