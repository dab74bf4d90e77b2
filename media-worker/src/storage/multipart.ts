import { open } from "node:fs/promises";
import type { ObjectStore } from "./object-store.ts";

const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];

/**
 * Multipart upload of a file in equal parts (R2 requires all but the last to be the same
 * size), reading one part at a time so memory stays at one part. Aborted on failure so no
 * orphaned parts are billed until the bucket's lifecycle rule clears them.
 *
 * @example
 * await multipartUpload(store, "jobs/1/outputs/reel.mp4", "/scratch/reel.mp4", size, "video/mp4");
 */
export async function multipartUpload(
  store: ObjectStore,
  key: string,
  path: string,
  size: number,
  contentType: string,
  signal?: AbortSignal,
): Promise<void> {
  const created = await store.request(
    `create multipart ${key}`,
    store.url(key, "?uploads"),
    { method: "POST", headers: { "content-type": contentType } },
    signal,
  );
  const uploadId = xmlValue(await created.text(), "UploadId");
  if (!uploadId) throw new Error(`create multipart ${key}: no UploadId in the answer`);
  const query = (extra: string) => `?${extra}uploadId=${encodeURIComponent(uploadId)}`;
  const handle = await open(path);
  try {
    const etags: string[] = [];
    for (let part = 1, offset = 0; offset < size; part++, offset += store.partSizeBytes) {
      const body = Buffer.alloc(Math.min(store.partSizeBytes, size - offset));
      await handle.read(body, 0, body.length, offset);
      const response = await store.request(
        `upload part ${part} of ${key}`,
        store.url(key, query(`partNumber=${part}&`)),
        { method: "PUT", body },
        signal,
      );
      etags.push(response.headers.get("etag") ?? "");
    }
    const parts = etags.map((etag, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${etag}</ETag></Part>`).join("");
    await store.request(
      `complete multipart ${key}`,
      store.url(key, query("")),
      { method: "POST", body: `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>` },
      signal,
    );
  } catch (error) {
    await store
      .request(`abort multipart ${key}`, store.url(key, query("")), { method: "DELETE" })
      .catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}
