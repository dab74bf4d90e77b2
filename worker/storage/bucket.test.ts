import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Bucket } from "./bucket.ts";

const bucket = () => new Bucket(env);
const body = "lecture bytes";

/** Changes one character of the signature so it no longer matches the request. */
function tamperSignature(url: string): string {
  const parsed = new URL(url);
  const signature = parsed.searchParams.get("X-Amz-Signature")!;
  parsed.searchParams.set("X-Amz-Signature", (signature[0] === "a" ? "b" : "a") + signature.slice(1));
  return parsed.toString();
}

describe("Bucket (aws4fetch against the S3 server that checks SigV4)", () => {
  it("round-trips an object through presigned PUT and GET URLs", async () => {
    const key = `test/${crypto.randomUUID()}/source.mp4`;
    const put = await fetch(await bucket().presign("PUT", key, { expiresIn: 60 }), { method: "PUT", body });
    expect(put.status).toBe(200);
    expect(await bucket().head(key)).toMatchObject({ sizeBytes: body.length });
    const get = await fetch(await bucket().presign("GET", key, { expiresIn: 60 }));
    expect(await get.text()).toBe(body);
  });

  it("has the storage reject a tampered signature, another key and an expired URL", async () => {
    const key = `test/${crypto.randomUUID()}/source.mp4`;
    const url = await bucket().presign("PUT", key, { expiresIn: 60 });
    expect((await fetch(tamperSignature(url), { method: "PUT", body })).status).toBe(403);
    expect((await fetch(url.replace(key, `${key}.other`), { method: "PUT", body })).status).toBe(403);
    const expired = await bucket().presign("PUT", key, { expiresIn: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(expired, { method: "PUT", body })).status).toBe(403);
    expect(await bucket().head(key)).toBeNull();
  });

  it("binds signed headers: a different content type is refused", async () => {
    const key = `test/${crypto.randomUUID()}/source.mp4`;
    const url = await bucket().presign("PUT", key, { expiresIn: 60, headers: { "content-type": "video/mp4" } });
    expect((await fetch(url, { method: "PUT", body, headers: { "content-type": "text/html" } })).status).toBe(403);
    expect((await fetch(url, { method: "PUT", body, headers: { "content-type": "video/mp4" } })).status).toBe(200);
  });
});

describe("Bucket over an R2 binding (staging and production)", () => {
  const r2 = (env as unknown as { TEST_R2: R2Bucket }).TEST_R2;
  const bound = () => new Bucket({ ...env, BUCKET: r2 });

  it("reads, heads and deletes through the binding, not the S3 API", async () => {
    const key = `jobs/${crypto.randomUUID()}/manifest.json`;
    expect(await bound().head(key)).toBeNull();
    expect(await bound().readJson(key)).toBeNull();
    const written = await r2.put(key, JSON.stringify({ highlights: [] }));
    expect(await bound().head(key)).toEqual({ sizeBytes: written!.size, etag: written!.httpEtag });
    expect(await bound().readJson(key)).toEqual({ highlights: [] });
    expect(await bucket().head(key)).toBeNull(); // the S3 server never saw it
    await bound().delete(key);
    expect(await r2.head(key)).toBeNull();
  });
});
