import { randomFillSync } from "node:crypto";
import { openAsBlob } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsClient } from "aws4fetch";
import { loadStackConfig, projectRoot } from "../../infra/local/config.ts";
import { log } from "../../infra/local/log.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { UploadClient } from "../../worker/client/upload-client.ts";

/**
 * `npm run bench:upload`: a 1 GiB file through the upload client (create, parallel parts,
 * complete) against the local stack, next to one raw presigned PUT of the same file to the same
 * S3 server in the same run. Prints one JSON line on stdout; the ratio is what the client's
 * protocol costs or gains over the plainest transfer. `BENCH_UPLOAD_BYTES` and
 * `BENCH_UPLOAD_CONCURRENCY` change the size and the parallelism.
 */
const fileBytes = Number(process.env.BENCH_UPLOAD_BYTES ?? 2 ** 30);
const concurrency = Number(process.env.BENCH_UPLOAD_CONCURRENCY ?? 4);
const chunkBytes = 16 * 2 ** 20;

/** The development stack's ports moved by 500 and a data folder of its own: runs beside it. */
const config = loadStackConfig({
  LH_DATA_DIR: join(projectRoot, ".data", "bench-upload"),
  LH_POSTGRES_PORT: "54829",
  LH_S3_PORT: "9900",
  LH_NEON_BRIDGE_PORT: "9901",
  LH_MEDIA_WORKER_PORT: "9902",
  LH_API_PORT: "9287",
});

async function writeRandomFile(path: string, size: number): Promise<void> {
  const file = await open(path, "w");
  const chunk = randomFillSync(Buffer.alloc(chunkBytes));
  try {
    for (let written = 0; written < size; written += chunkBytes) {
      chunk.writeUInt32BE(written / chunkBytes); // no two chunks alike
      await file.write(chunk, 0, Math.min(chunkBytes, size - written));
    }
  } finally {
    await file.close();
  }
}

async function register(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: `bench-${crypto.randomUUID()}@example.com`, password: crypto.randomUUID() }),
  });
  if (response.status !== 201) throw new Error(`register answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

const rate = (seconds: number) => Math.round((fileBytes / 1e6 / seconds) * 10) / 10;

const directory = await mkdtemp(join(tmpdir(), "lh-bench-upload-"));
const stack = new LocalStack(config, { mediaWorker: false });
try {
  const path = join(directory, "lecture.mp4");
  await writeRandomFile(path, fileBytes);
  await stack.start();
  const token = await register(stack.apiUrl);
  const client = new UploadClient({ apiBase: stack.apiUrl, token, concurrency });
  const file = await openAsBlob(path, { type: "video/mp4" });
  log("uploading through the client", { bytes: fileBytes, concurrency });
  // The local server assembles parts by copying them (R2 does not): time the PUTs apart.
  let partsDoneAt = 0;
  const onProgress = ({ sentBytes }: { sentBytes: number }) => {
    if (sentBytes === fileBytes && !partsDoneAt) partsDoneAt = performance.now();
  };
  const clientStarted = performance.now();
  const viaClient = await timed(() => client.upload(file, { filename: "lecture.mp4", onProgress }));
  await client.api.abort(viaClient.result.id); // frees the disk before the second copy

  // Signed here rather than through the Worker's Bucket, whose types are the Worker's.
  const s3 = new AwsClient({ ...config.s3, service: "s3" });
  const rawUrl = `${config.s3.endpoint}/${config.s3.bucket}/bench/${crypto.randomUUID()}/source.mp4`;
  const presigned = await s3.sign(`${rawUrl}?X-Amz-Expires=3600`, { method: "PUT", aws: { signQuery: true } });
  log("uploading with one raw PUT", { bytes: fileBytes });
  const raw = await timed(async () => {
    const response = await fetch(presigned.url, { method: "PUT", body: await openAsBlob(path) });
    if (!response.ok) throw new Error(`raw PUT answered ${response.status}`);
  });
  await s3.fetch(rawUrl, { method: "DELETE" });

  console.log(
    JSON.stringify({
      bench: "upload",
      bytes: fileBytes,
      client: {
        seconds: Math.round(viaClient.seconds * 100) / 100,
        mbPerSecond: rate(viaClient.seconds),
        partsSeconds: Math.round(partsDoneAt - clientStarted) / 1000,
        partsMbPerSecond: rate((partsDoneAt - clientStarted) / 1000),
        kind: viaClient.result.kind,
        partSize: viaClient.result.partSize,
        partCount: viaClient.result.partCount,
        concurrency,
      },
      rawPut: { seconds: Math.round(raw.seconds * 100) / 100, mbPerSecond: rate(raw.seconds) },
      clientToRawRatio: Math.round((raw.seconds / viaClient.seconds) * 100) / 100,
    }),
  );
} finally {
  await stack.stop();
  await rm(directory, { recursive: true, force: true });
}
