import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, registerUser } from "../../test/support/worker/accounts.ts";
import { MiB, testBytes } from "../../test/support/worker/uploads.ts";
import { ApiError, UploadClient, type UploadProgress, UploadTransferError } from "./upload-client.ts";

type Put = { partNumber: number | null };

/**
 * A fetch that reaches the Worker in-process (it is not listening on a port inside the test
 * pool) and the S3 server over the network, recording each PUT; `failPut` may replace a PUT's
 * answer.
 */
function testFetch(failPut: (put: Put, attempt: number) => Response | Error | undefined = () => undefined) {
  const puts: Put[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    if (url.origin === new URL(apiBase).origin) return SELF.fetch(input, init);
    if (init?.method === "PUT") {
      const partNumber = url.searchParams.has("partNumber") ? Number(url.searchParams.get("partNumber")) : null;
      const attempt = puts.filter((put) => put.partNumber === partNumber).length;
      puts.push({ partNumber });
      const failure = failPut({ partNumber }, attempt);
      if (failure instanceof Error) throw failure;
      if (failure) return failure;
    }
    return fetch(input, init);
  };
  return { fetcher, puts };
}

async function clientFor(fetcher: typeof fetch, options: { concurrency?: number; retries?: number } = {}) {
  const { accessToken } = await registerUser();
  return new UploadClient({ apiBase, token: accessToken, fetch: fetcher, retryDelayMs: 10, ...options });
}

const lectureFile = (size: number, name = "lecture.webm") => new File([testBytes(size)], name, { type: "video/webm" });

describe("UploadClient", () => {
  it("uploads a small file with one PUT and reports it whole", async () => {
    const { fetcher, puts } = testFetch();
    const progress: UploadProgress[] = [];
    const client = await clientFor(fetcher);
    const upload = await client.upload(lectureFile(2000), { onProgress: (p) => progress.push(p) });
    expect(upload).toMatchObject({ status: "completed", kind: "single", size: 2000, filename: "lecture.webm" });
    expect(puts).toEqual([{ partNumber: null }]);
    expect(progress.at(-1)).toEqual({ uploadId: upload.id, sentBytes: 2000, totalBytes: 2000 });
  });

  it("reports the bytes of a PUT on its way when the transport can tell, and a retry starts it again", async () => {
    const { fetcher } = testFetch();
    const progress: number[] = [];
    let attempt = 0;
    const { accessToken } = await registerUser();
    const client = new UploadClient({
      apiBase,
      token: accessToken,
      fetch: fetcher,
      retryDelayMs: 10,
      // Reports halfway, then (first attempt only) fails on the way as a dropped connection does.
      putBytes: async (url, body, { headers, signal, onSent }) => {
        onSent(body.size / 2);
        if (attempt++ === 0) throw new TypeError("network connection lost");
        onSent(body.size);
        return fetcher(url, { method: "PUT", body, headers, signal });
      },
    });
    await client.upload(lectureFile(2000), { onProgress: (p) => progress.push(p.sentBytes) });
    expect(progress).toEqual([0, 1000, 0, 1000, 2000, 2000]);
  });

  it("uploads a large file in parallel parts, reporting progress part by part", async () => {
    const { fetcher, puts } = testFetch();
    const progress: number[] = [];
    const client = await clientFor(fetcher, { concurrency: 2 });
    const upload = await client.upload(lectureFile(11 * MiB), { onProgress: (p) => progress.push(p.sentBytes) });
    expect(upload).toMatchObject({ status: "completed", kind: "multipart", partCount: 3 });
    expect(puts.map((put) => put.partNumber).sort()).toEqual([1, 2, 3]);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress).toContain(5 * MiB);
    expect(progress.at(-1)).toBe(11 * MiB);
  });

  it("retries a part that failed on the way, with backoff", async () => {
    const flaky = testFetch((put, attempt) =>
      put.partNumber === 2 && attempt === 0
        ? new TypeError("Network connection lost.")
        : put.partNumber === 3 && attempt === 0
          ? new Response("busy", { status: 503 })
          : undefined,
    );
    const client = await clientFor(flaky.fetcher);
    expect((await client.upload(lectureFile(11 * MiB))).status).toBe("completed");
    expect(flaky.puts.map((put) => put.partNumber).sort()).toEqual([1, 2, 2, 3, 3]);
  });

  it("resumes an interrupted upload, sending only the parts the storage lacks", async () => {
    const file = lectureFile(11 * MiB);
    const broken = testFetch((put) => (put.partNumber === 3 ? new TypeError("Network connection lost.") : undefined));
    const client = await clientFor(broken.fetcher, { concurrency: 1, retries: 1 });
    const failure = await client.upload(file).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UploadTransferError);
    const { uploadId } = failure as UploadTransferError;

    const healthy = testFetch();
    const resumed = new UploadClient({ ...client.connection, fetch: healthy.fetcher });
    const progress: number[] = [];
    const upload = await resumed.resume(uploadId, file, { onProgress: (p) => progress.push(p.sentBytes) });
    expect(upload).toMatchObject({ id: uploadId, status: "completed", size: 11 * MiB });
    expect(healthy.puts).toEqual([{ partNumber: 3 }]);
    expect(progress[0]).toBe(10 * MiB);
    expect((await resumed.resume(uploadId, file)).status).toBe("completed");
  });

  it("surfaces the API's refusal with its code", async () => {
    const client = await clientFor(testFetch().fetcher);
    const refusal = await client.upload(new Blob(["%PDF"]), { filename: "slides.pdf" }).catch((error) => error);
    expect(refusal).toBeInstanceOf(ApiError);
    expect(refusal).toMatchObject({ status: 400, code: "validation_failed" });
  });
});
