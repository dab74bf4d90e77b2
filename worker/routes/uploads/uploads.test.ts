import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import { createApiKey, registerUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { createUpload, putBytes, testBytes, uploadsApi } from "../../../test/support/worker/uploads.ts";
import { Bucket } from "../../storage/bucket.ts";

const lecture = (size: number) => ({ filename: "Week 1 - Intro.mp4", contentType: "video/mp4", size });

describe("single uploads", () => {
  it("PUTs to one presigned URL, then completes after the storage confirms the size", async () => {
    const { accessToken } = await registerUser();
    const bytes = testBytes(64 * 1024);
    const upload = await createUpload(accessToken, lecture(bytes.length));
    expect(upload).toMatchObject({ status: "pending", kind: "single", headers: { "content-type": "video/mp4" } });
    expect(upload.parts).toBeUndefined();
    expect(new URL(upload.url!).pathname).not.toContain("Intro");
    expect((await putBytes(upload.url!, bytes, upload.headers)).status).toBe(200);
    const completed = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`);
    expect(completed).toMatchObject({ status: 200, body: { id: upload.id, status: "completed", size: bytes.length } });
    const again = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`);
    expect(again).toEqual(completed);
    // The object's ETag is pinned: a job reads this object or fails with input_changed.
    const objectKey = decodeURIComponent(new URL(upload.url!).pathname.split(`/${env.S3_BUCKET}/`)[1]!);
    const [row] = await withTestDatabase((db) =>
      db.select().from(schema.uploads).where(eq(schema.uploads.id, upload.id)),
    );
    expect(row!.objectEtag).toBe((await new Bucket(env).head(objectKey))!.etag);
    expect(row!.objectEtag).toBeTruthy();
    const state = await uploadsApi(accessToken, "GET", `/${upload.id}`);
    expect(state.body).toMatchObject({ status: "completed" });
    expect(state.body.url).toBeUndefined();
  });

  it("hands out PUT URLs that live 15 minutes, not longer", async () => {
    const { accessToken } = await registerUser();
    const before = Date.now();
    const upload = await createUpload(accessToken, lecture(1000));
    expect(Number(new URL(upload.url!).searchParams.get("X-Amz-Expires"))).toBe(15 * 60);
    const expiresAt = Date.parse(upload.urlsExpireAt!);
    expect(expiresAt - before).toBeLessThanOrEqual(15 * 60_000 + 60_000);
    expect(expiresAt - before).toBeGreaterThan(14 * 60_000);
  });

  it("has the storage refuse a PUT of another length or content type than declared", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture(1000));
    expect((await putBytes(upload.url!, testBytes(999), upload.headers)).status).toBe(403);
    expect((await putBytes(upload.url!, testBytes(1000), { "content-type": "text/html" })).status).toBe(403);
  });

  it("refuses to complete before the file is stored, or when the stored size differs, and stays resumable", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, lecture(2048));
    const early = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`);
    expect(early).toMatchObject({ status: 409, body: { code: "upload_not_found_in_storage" } });
    // A storage that ignored the signed length: write a short object behind the API's back.
    const { body: state } = await uploadsApi(accessToken, "GET", `/${upload.id}`);
    const objectKey = new URL(state.url!).pathname.split(`/${env.S3_BUCKET}/`)[1]!;
    await new Bucket(env).fetch(objectKey, { method: "PUT", body: testBytes(100) });
    const short = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`);
    expect(short).toMatchObject({ status: 422, body: { code: "upload_size_mismatch" } });
    expect((await uploadsApi(accessToken, "GET", `/${upload.id}`)).body.status).toBe("pending");
    expect((await putBytes(state.url!, testBytes(2048), state.headers)).status).toBe(200);
    expect((await uploadsApi(accessToken, "POST", `/${upload.id}/complete`)).body.status).toBe("completed");
  });

  it("deletes: the file goes, the upload is aborted, completing it fails, deleting again is fine", async () => {
    const { accessToken } = await registerUser();
    const bytes = testBytes(4096);
    const upload = await createUpload(accessToken, { filename: "talk.flac", contentType: "audio/flac", size: 4096 });
    await putBytes(upload.url!, bytes, upload.headers);
    expect((await uploadsApi(accessToken, "DELETE", `/${upload.id}`)).status).toBe(204);
    const key = new URL(upload.url!).pathname.split(`/${env.S3_BUCKET}/`)[1]!;
    expect(await new Bucket(env).head(decodeURIComponent(key))).toBeNull();
    expect((await uploadsApi(accessToken, "GET", `/${upload.id}`)).body.status).toBe("aborted");
    const late = await uploadsApi(accessToken, "POST", `/${upload.id}/complete`);
    expect(late).toMatchObject({ status: 409, body: { code: "upload_aborted" } });
    expect((await uploadsApi(accessToken, "DELETE", `/${upload.id}`)).status).toBe(204);
  });
});

describe("upload requests that are refused", () => {
  const refusals: [string, object, string, number?, string?][] = [
    ["a negative size", lecture(-1), "size"],
    ["a zero size", lecture(0), "size"],
    ["a fractional size", lecture(10.5), "size"],
    ["a size above MAX_UPLOAD_BYTES", lecture(Number(env.MAX_UPLOAD_BYTES) + 1), "size"],
    ["a size beyond exact integers", lecture(2 ** 60), "size"],
    ["a document", { filename: "slides.pdf", contentType: "application/pdf", size: 10 }, "filename"],
    ["a type that contradicts the name", { filename: "a.mp4", contentType: "text/html", size: 10 }, "contentType"],
    ["a path to a system file", { filename: "../../etc/passwd", contentType: "video/mp4", size: 10 }, "filename"],
    // Like every text field's, refused by the validation hook before the filename rules run.
    [
      "a NUL byte",
      { filename: "lecture\u0000.mp4", contentType: "video/mp4", size: 10 },
      "filename",
      422,
      "invalid_text",
    ],
    ["a control character", { filename: "lec\u001bture.mp4", contentType: "video/mp4", size: 10 }, "filename"],
    ["a right-to-left override", { filename: "lecture\u202e4pm.exe", contentType: "video/mp4", size: 10 }, "filename"],
    [
      "a 10,000-character name",
      { filename: `${"a".repeat(9996)}.mp4`, contentType: "video/mp4", size: 10 },
      "filename",
    ],
    [
      "a 300-character name after the folders",
      { filename: `x/${"a".repeat(296)}.mp4`, contentType: "video/mp4", size: 10 },
      "filename",
    ],
    ["a name of dots", { filename: "...", contentType: "video/mp4", size: 10 }, "filename"],
    ["a folder", { filename: "lectures/", contentType: "video/mp4", size: 10 }, "filename"],
  ];

  it.each(refusals)(
    "refuses %s, naming the field",
    async (_, request, path, code = 400, problem = "validation_failed") => {
      const { accessToken } = await registerUser();
      const { status, body } = await uploadsApi<{ code: string; errors: { path: string }[] }>(
        accessToken,
        "POST",
        "",
        request,
      );
      expect(status).toBe(code);
      expect(body.code).toBe(problem);
      expect(body.errors.map((error) => error.path)).toContain(path);
    },
  );

  it("keeps only the last segment of a path for display; the key never holds the name", async () => {
    const { accessToken } = await registerUser();
    const upload = await createUpload(accessToken, {
      filename: "..\\..\\Users\\ann\\Lecture 5.MOV",
      contentType: "video/quicktime",
      size: 10,
    });
    expect(upload.filename).toBe("Lecture 5.MOV");
    expect(new URL(upload.url!).pathname).toMatch(/\/uploads\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/source\.mov$/);
  });

  it("accepts audio-only lectures", async () => {
    const { accessToken } = await registerUser();
    const audio = [
      ["talk.mp3", "audio/mpeg"],
      ["talk.m4a", "audio/x-m4a"],
      ["talk.wav", "audio/wav"],
      ["talk.ogg", "audio/ogg"],
      ["talk.opus", "audio/ogg; codecs=opus"],
      ["talk.flac", "audio/flac"],
    ];
    for (const [filename, contentType] of audio) {
      const upload = await createUpload(accessToken, { filename: filename!, contentType: contentType!, size: 10 });
      expect(upload.contentType).toBe(contentType!.split(";")[0]);
    }
  });

  it("needs the uploads:write scope", async () => {
    const { accessToken } = await registerUser();
    const { key } = await createApiKey(accessToken, ["jobs:read"]);
    const { status, body } = await uploadsApi<{ code: string }>(key, "POST", "", lecture(10));
    expect(status).toBe(403);
    expect(body.code).toBe("insufficient_scope");
    const { key: writer } = await createApiKey(accessToken, ["uploads:write"]);
    expect((await uploadsApi(writer, "POST", "", lecture(10))).status).toBe(201);
  });
});

describe("uploads across accounts", () => {
  it("answers 404 on every route for another account's upload and leaves it untouched", async () => {
    const [alice, mallory] = await Promise.all([registerUser(), registerUser()]);
    const upload = await createUpload(alice.accessToken, lecture(10));
    await putBytes(upload.url!, testBytes(10), upload.headers);
    for (const [method, path] of [
      ["GET", `/${upload.id}`],
      ["POST", `/${upload.id}/complete`],
      ["DELETE", `/${upload.id}`],
    ] as const) {
      const { status, body } = await uploadsApi<{ code: string }>(mallory.accessToken, method, path);
      expect([method, status, body.code]).toEqual([method, 404, "not_found"]);
    }
    expect((await uploadsApi(mallory.accessToken, "GET")).body).toMatchObject({ data: [] });
    expect((await uploadsApi(alice.accessToken, "POST", `/${upload.id}/complete`)).body.status).toBe("completed");
  });
});

describe("listing uploads", () => {
  it("pages newest first with a cursor and filters by status", async () => {
    const { accessToken } = await registerUser();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createUpload(accessToken, { ...lecture(10), filename: `${i}.mp4` }));
    type Page = { data: { id: string }[]; nextCursor: string | null };
    const first = await uploadsApi<Page>(accessToken, "GET", "?limit=2");
    const second = await uploadsApi<Page>(accessToken, "GET", `?limit=2&cursor=${first.body.nextCursor}`);
    const third = await uploadsApi<Page>(accessToken, "GET", `?limit=2&cursor=${second.body.nextCursor}`);
    const ids = [first, second, third].flatMap((page) => page.body.data.map((upload) => upload.id));
    expect(ids).toEqual(created.map((upload) => upload.id).reverse());
    expect(third.body.nextCursor).toBeNull();
    await uploadsApi(accessToken, "DELETE", `/${created[0]!.id}`);
    const aborted = await uploadsApi<Page>(accessToken, "GET", "?status=aborted");
    expect(aborted.body.data.map((upload) => upload.id)).toEqual([created[0]!.id]);
    const unknown = await uploadsApi<{ code: string }>(accessToken, "GET", `?cursor=${crypto.randomUUID()}`);
    expect(unknown).toMatchObject({ status: 400, body: { code: "validation_failed" } });
  });
});
