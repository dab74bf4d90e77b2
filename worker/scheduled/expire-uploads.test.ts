import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listParts } from "../../agents/contracts/s3/multipart.ts";
import { schema } from "../../db/client.ts";
import { registerUser } from "../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../test/support/worker/database.ts";
import { createUpload, MiB, putBytes, testBytes, uploadsApi } from "../../test/support/worker/uploads.ts";
import worker from "../index.ts";
import { Bucket } from "../storage/bucket.ts";

async function runCron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: "* * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const expireNow = (id: string) =>
  withTestDatabase((db) =>
    db
      .update(schema.uploads)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.uploads.id, id))
      .returning(),
  ).then(([row]) => row!);

describe("the cron and abandoned uploads", () => {
  it("aborts multipart uploads and deletes files left pending past their expiry", async () => {
    const { accessToken } = await registerUser();
    const multipart = await createUpload(accessToken, {
      filename: "a.webm",
      contentType: "video/webm",
      size: 11 * MiB,
    });
    await putBytes(multipart.parts![0]!.url, testBytes(5 * MiB));
    const single = await createUpload(accessToken, { filename: "b.wav", contentType: "audio/wav", size: 100 });
    await putBytes(single.url!, testBytes(100), single.headers);
    const kept = await createUpload(accessToken, { filename: "c.mp4", contentType: "video/mp4", size: 100 });
    const [multipartRow, singleRow] = await Promise.all([expireNow(multipart.id), expireNow(single.id)]);

    await runCron();

    const bucket = new Bucket(env);
    expect(await listParts(bucket, multipartRow.objectKey, multipartRow.multipartUploadId!)).toBeNull();
    expect(await bucket.head(singleRow.objectKey)).toBeNull();
    for (const [id, status] of [
      [multipart.id, "expired"],
      [single.id, "expired"],
      [kept.id, "pending"],
    ]) {
      expect((await uploadsApi(accessToken, "GET", `/${id}`)).body.status).toBe(status);
    }
    const late = await uploadsApi<{ code: string }>(accessToken, "POST", `/${single.id}/complete`);
    expect(late).toMatchObject({ status: 409, body: { code: "upload_expired" } });
  });
});
