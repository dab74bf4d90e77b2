import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsClient } from "aws4fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listParts } from "../../../agents/contracts/s3/multipart.ts";
import { StorageError } from "../../../agents/contracts/s3/storage-error.ts";
import { startTestS3, type TestS3 } from "../../../test/support/local-s3.ts";
import { runWithTruth, tinyLecture, uploadJob } from "../../../test/support/pipeline-harness.ts";
import { JobFailure } from "../job-failure.ts";

// No S3 server can be made to answer CompleteMultipartUpload with 200 and an <Error> document,
// as S3 and R2 may: this proxy passes every request to the real local S3 server (Host header
// kept, so signatures still verify) and answers only that call itself.
const errorIn200 = "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>";

let s3: TestS3;
let proxy: Server;
let proxyEndpoint: string;
const completedUploadIds: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "lh-multipart-"));

beforeAll(async () => {
  s3 = await startTestS3();
  const target = new URL(s3.s3.endpoint);
  proxy = createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? "/", "http://proxy");
    if (incoming.method === "POST" && url.searchParams.has("uploadId")) {
      completedUploadIds.push(url.searchParams.get("uploadId") as string);
      incoming.resume();
      outgoing.writeHead(200, { "content-type": "application/xml" }).end(errorIn200);
      return;
    }
    const forwarded = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const address = proxy.address();
  proxyEndpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("multipart upload of the media worker", () => {
  it("treats a 200 carrying an <Error> document as a failed completion and aborts the upload", async () => {
    const store = s3.store({
      endpoint: proxyEndpoint,
      multipartThresholdBytes: 5 * 2 ** 20,
      partSizeBytes: 5 * 2 ** 20,
    });
    const path = join(dir, "reel.mp4");
    writeFileSync(path, randomBytes(6 * 2 ** 20));
    const key = "jobs/x/outputs/reel.mp4";

    const failure = await store.upload(key, path, "video/mp4").catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ status: 200, code: "InternalError" });
    expect(await s3.store().exists(key)).toBe(false);
    const [uploadId] = completedUploadIds;
    const client = new AwsClient({ ...s3.s3, service: "s3" });
    const direct = {
      fetch: (objectKey: string, init: RequestInit & { query?: Record<string, string> } = {}) => {
        const url = new URL(`${s3.s3.endpoint}/${s3.s3.bucket}/${objectKey}`);
        for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
        return client.fetch(url.toString(), init);
      },
    };
    expect(await listParts(direct, key, uploadId as string)).toBeNull();
  });

  it("fails the job with storage_failed when a stage's upload meets that answer", async () => {
    const lecture = await tinyLecture();
    const spec = await uploadJob(s3.store(), lecture.path, "mp4");
    // Every output goes up in parts (one part each), so the first upload of the pipeline completes through the proxy.
    const store = s3.store({ endpoint: proxyEndpoint, multipartThresholdBytes: 1, partSizeBytes: 5 * 2 ** 20 });

    const failure = await runWithTruth(store, spec, lecture.truth).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(JobFailure);
    expect(failure).toMatchObject({ code: "storage_failed", retryable: true });
  });
});
