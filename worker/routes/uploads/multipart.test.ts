import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import { registerUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { createUpload, MiB, putBytes, testBytes, uploadsApi } from "../../../test/support/worker/uploads.ts";
import { Bucket } from "../../storage/bucket.ts";
import { presignUploadPart } from "../../storage/multipart.ts";

const size = 11 * MiB;
const file = testBytes(size);
const partBytes = (partNumber: number) => file.slice((partNumber - 1) * 5 * MiB, partNumber * 5 * MiB);
const lecture = { filename: "long lecture.mkv", contentType: "video/x-matroska", size };

/** PUTs the given parts to their URLs, in the order given; answers their ETags by part number. */
async function putParts(parts: { partNumber: number; url: string }[], order: number[]) {
  const etags = new Map<number, string>();
  for (const partNumber of order) {
    const response = await putBytes(parts.find((part) => part.partNumber === partNumber)!.url, partBytes(partNumber));
    expect(response.status).toBe(200);
    etags.set(partNumber, response.headers.get("etag")!);
  }
  return etags;
}

const sha256 = async (bytes: BufferSource) =>
  Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (byte) => byte.toString(16)).join("");

const objectKeyOf = (url: string) => decodeURIComponent(new URL(url).pathname.split(`/${env.S3_BUCKET}/`)[1]!);

describe("multipart uploads", () => {
  it("sends equal parts out of order and assembles them in order", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture);
    expect(upload).toMatchObject({ kind: "multipart", partSize: 5 * MiB, partCount: 3, uploadedParts: [] });
    expect(upload.parts!.map((part) => part.size)).toEqual([5 * MiB, 5 * MiB, MiB]);
    const etags = await putParts(upload.parts!, [3, 1, 2]);
    const completed = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`, {
      parts: [...etags].map(([partNumber, etag]) => ({ partNumber, etag })),
    });
    expect(completed).toMatchObject({ status: 200, body: { status: "completed", size } });
    const stored = await fetch(
      await new Bucket(env).presign("GET", objectKeyOf(upload.parts![0]!.url), { expiresIn: 60 }),
    );
    expect(await sha256(await stored.arrayBuffer())).toBe(await sha256(file));
    expect((await uploadsApi(accessToken, "POST", `/${upload.id}/complete`)).body).toEqual(completed.body);
    // The assembled object's ETag is pinned as a single PUT's is: a job reads this very object.
    const [row] = await withTestDatabase((db) =>
      db.select().from(schema.uploads).where(eq(schema.uploads.id, upload.id)),
    );
    expect(row!.objectEtag).toBeTruthy();
    expect(row!.objectEtag).toBe((await new Bucket(env).head(objectKeyOf(upload.parts![0]!.url)))!.etag);
  });

  it("resumes: names the missing part, then offers a URL for it alone", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture);
    await putParts(upload.parts!, [1, 3]);
    const early = await uploadsApi<{ code: string; errors: { path: string }[] }>(
      accessToken,
      "POST",
      `/${upload.id}/complete`,
    );
    expect(early).toMatchObject({ status: 409, body: { code: "upload_parts_missing", errors: [{ path: "parts.2" }] } });
    const { body: state } = await uploadsApi(accessToken, "GET", `/${upload.id}`);
    expect(state.status).toBe("pending");
    expect(state.uploadedParts!.map((part) => part.partNumber)).toEqual([1, 3]);
    expect(state.parts!.map((part) => part.partNumber)).toEqual([2]);
    await putParts(state.parts!, [2]);
    expect((await uploadsApi(accessToken, "POST", `/${upload.id}/complete`)).body.status).toBe("completed");
  });

  it("refuses ETags that are not what the storage holds", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture);
    await putParts(upload.parts!, [1, 2, 3]);
    const claimed = [1, 2, 3].map((partNumber) => ({ partNumber, etag: `"${"0".repeat(32)}"` }));
    const wrong = await uploadsApi<{ code: string }>(accessToken, "POST", `/${upload.id}/complete`, { parts: claimed });
    expect(wrong).toMatchObject({ status: 409, body: { code: "upload_part_mismatch" } });
    expect((await uploadsApi(accessToken, "POST", `/${upload.id}/complete`)).body.status).toBe("completed");
  });

  it("has the storage refuse a tampered, moved, resized or expired part URL", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture);
    const { url } = upload.parts![0]!;
    const tampered = new URL(url);
    const signature = tampered.searchParams.get("X-Amz-Signature")!;
    tampered.searchParams.set("X-Amz-Signature", (signature[0] === "a" ? "b" : "a") + signature.slice(1));
    const moved = new URL(url);
    moved.searchParams.set("partNumber", "2");
    expect((await putBytes(tampered.toString(), partBytes(1))).status).toBe(403);
    expect((await putBytes(moved.toString(), partBytes(1))).status).toBe(403);
    expect((await putBytes(url, partBytes(1).slice(1))).status).toBe(403);
    const uploadId = new URL(url).searchParams.get("uploadId")!;
    const shortLived = await presignUploadPart(new Bucket(env), objectKeyOf(url), uploadId, 1, {
      expiresIn: 1,
      sizeBytes: 5 * MiB,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await putBytes(shortLived, partBytes(1))).status).toBe(403);
    expect((await uploadsApi(accessToken, "GET", `/${upload.id}`)).body.uploadedParts).toEqual([]);
  });

  it("aborts the multipart upload on DELETE: its URLs stop working", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture);
    await putParts(upload.parts!, [1]);
    expect((await uploadsApi(accessToken, "DELETE", `/${upload.id}`)).status).toBe(204);
    expect((await putBytes(upload.parts![1]!.url, partBytes(2))).status).toBe(404);
    expect((await uploadsApi(accessToken, "GET", `/${upload.id}`)).body).toMatchObject({ status: "aborted" });
  });

  it("hands out at most 1,000 part URLs at once; all parts but the last the same size", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, { ...lecture, size: 1000 * 5 * MiB + 1 });
    expect(upload).toMatchObject({ partSize: 5 * MiB, partCount: 1001 });
    expect(upload.parts).toHaveLength(1000);
    expect(new Set(upload.parts!.map((part) => part.size))).toEqual(new Set([5 * MiB]));
    expect((await uploadsApi(accessToken, "DELETE", `/${upload.id}`)).status).toBe(204);
  });
});
