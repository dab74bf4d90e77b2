import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackConfig } from "../../infra/local/config.ts";
import { LocalS3Server } from "../../infra/local/s3-server.ts";
import { ObjectStore } from "../../media-worker/src/storage/object-store.ts";

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export type TestS3 = {
  s3: StackConfig["s3"];
  store: (overrides?: Partial<ConstructorParameters<typeof ObjectStore>[0]>) => ObjectStore;
  stop: () => Promise<void>;
};

/**
 * The bucket as a media worker reads it from its environment.
 *
 * @example
 * loadConfig({ PORT: "8080", MEDIA_WORKER_SECRET: secret, ...mediaWorkerS3Env(s3) });
 */
export function mediaWorkerS3Env({ s3 }: TestS3) {
  return {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: s3.bucket,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  };
}

/**
 * Starts the project's local S3 server (SigV4-verifying) on a free port with a temp data dir.
 *
 * @example
 * const s3 = await startTestS3(); const store = s3.store(); ... await s3.stop();
 */
export async function startTestS3(): Promise<TestS3> {
  const dataDir = mkdtempSync(join(tmpdir(), "lh-s3-"));
  const port = await freePort();
  const s3 = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: "lecture-highlights",
    region: "auto",
    accessKeyId: "lh-test",
    secretAccessKey: "lh-test-secret-key-0123456789abcdef",
  };
  const config = { dataDir, ports: { s3: port }, s3 } as unknown as StackConfig;
  const server = new LocalS3Server(config);
  await server.start();
  return {
    s3,
    store: (overrides = {}) => new ObjectStore({ ...s3, ...overrides }),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
