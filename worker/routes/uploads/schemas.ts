import { z } from "@hono/zod-openapi";
import { MAX_PARTS } from "../../../agents/contracts/upload-parts.ts";
import { uploadStatus } from "../../../db/schema.ts";
import type { UploadRow } from "../../uploads/rows.ts";

export const createUploadSchema = z
  .object({
    filename: z.string().min(1).max(1024).openapi({
      description: "Shown in listings; the storage key never uses it. Path segments are dropped.",
      example: "Lecture 3 - Fourier.mp4",
    }),
    contentType: z.string().min(1).max(255).openapi({ example: "video/mp4" }),
    size: z.int().positive().openapi({ description: "Exact size in bytes.", example: 734003200 }),
  })
  .openapi("CreateUploadRequest");

export const uploadSchema = z
  .object({
    id: z.uuid(),
    filename: z.string(),
    contentType: z.string(),
    size: z.int(),
    status: z.enum(uploadStatus.enumValues),
    kind: z.enum(["single", "multipart"]),
    partSize: z.int().nullable().openapi({ description: "Multipart: every part but the last has this size." }),
    partCount: z.int().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().openapi({ description: "A pending upload is discarded after this." }),
    completedAt: z.iso.datetime().nullable(),
  })
  .openapi("Upload");

const partUrlSchema = z
  .object({ partNumber: z.int().min(1).max(MAX_PARTS), size: z.int(), url: z.url() })
  .openapi("UploadPartUrl", { description: "PUT the part's bytes here; keep the response's ETag." });

const uploadedPartSchema = z.object({ partNumber: z.int(), size: z.int(), etag: z.string() }).openapi("UploadedPart");

export const uploadWithUrlsSchema = uploadSchema
  .extend({
    url: z.url().optional().openapi({ description: "Single upload: PUT the whole file here." }),
    headers: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: "Single upload: send these headers with the PUT; they are signed." }),
    parts: z.array(partUrlSchema).optional().openapi({
      description: "Multipart: URLs of parts the storage does not hold yet (at most 1,000; ask again for more).",
    }),
    uploadedParts: z.array(uploadedPartSchema).optional().openapi({ description: "Multipart: parts already stored." }),
    urlsExpireAt: z.iso.datetime().optional(),
  })
  .openapi("UploadWithUrls");

export const uploadIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

/** The public view of an upload row: never its storage key or the storage's upload id. */
export function publicUpload(row: UploadRow) {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.contentType,
    size: row.sizeBytes,
    status: row.status,
    kind: row.multipartUploadId ? ("multipart" as const) : ("single" as const),
    partSize: row.partSize,
    partCount: row.partCount,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}
