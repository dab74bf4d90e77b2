import { createWriteStream } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AwsClient } from "aws4fetch";
import { defaultRetryPolicy, ensureOk, PermanentRequestError, type RetryPolicy, withRetries } from "../http-retry.ts";
import { multipartUpload } from "./multipart.ts";

export type ObjectStoreConfig = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Files above this size go up in parts (R2: all parts but the last the same size). */
  multipartThresholdBytes?: number;
  partSizeBytes?: number;
  retry?: RetryPolicy;
};

/**
 * The S3 API as the media worker uses it (R2 in production, the local S3 server in tests):
 * streamed downloads to disk, single or multipart uploads, JSON checkpoints; every request
 * signed with SigV4 by aws4fetch and retried with backoff.
 *
 * @example
 * const store = new ObjectStore({ endpoint, bucket, region: "auto", accessKeyId, secretAccessKey });
 * await store.download("uploads/u/1/source.mp4", "/scratch/job/source.mp4");
 */
export class ObjectStore {
  private readonly client: AwsClient;
  private readonly retry: RetryPolicy;
  readonly multipartThresholdBytes: number;
  readonly partSizeBytes: number;

  constructor(private readonly config: ObjectStoreConfig) {
    // aws4fetch's own retries do not cover network errors; ours do.
    this.client = new AwsClient({ ...config, service: "s3", retries: 0 });
    this.retry = config.retry ?? defaultRetryPolicy;
    this.partSizeBytes = config.partSizeBytes ?? 8 * 1024 * 1024;
    this.multipartThresholdBytes = config.multipartThresholdBytes ?? 16 * 1024 * 1024;
  }

  url(key: string, query = ""): string {
    const path = key.split("/").map(encodeURIComponent).join("/");
    return `${this.config.endpoint.replace(/\/$/, "")}/${this.config.bucket}/${path}${query}`;
  }

  /** One signed request, retried; `what` names it in errors. */
  request(what: string, url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    return withRetries(
      async () => ensureOk(await this.client.fetch(url, { ...init, signal }), what),
      this.retry,
      signal,
    );
  }

  /** Streams an object to a file without holding it in memory; a partial file is removed. */
  async download(key: string, path: string, signal?: AbortSignal): Promise<void> {
    await withRetries(
      async () => {
        const response = await ensureOk(await this.client.fetch(this.url(key), { signal }), `GET ${key}`);
        if (!response.body) throw new Error(`GET ${key} returned no body`);
        try {
          await pipeline(Readable.fromWeb(response.body as NodeWebStream), createWriteStream(path), { signal });
        } catch (error) {
          await rm(path, { force: true });
          throw error;
        }
      },
      this.retry,
      signal,
    );
  }

  /** Uploads a file: one PUT when small, a multipart upload above the threshold. */
  async upload(key: string, path: string, contentType: string, signal?: AbortSignal): Promise<void> {
    const { size } = await stat(path);
    if (size > this.multipartThresholdBytes) return multipartUpload(this, key, path, size, contentType, signal);
    const handle = await open(path);
    try {
      const body = await handle.readFile();
      await this.request(
        `PUT ${key}`,
        this.url(key),
        { method: "PUT", body, headers: { "content-type": contentType } },
        signal,
      );
    } finally {
      await handle.close();
    }
  }

  async putJson(key: string, value: unknown, signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify(value);
    await this.request(
      `PUT ${key}`,
      this.url(key),
      { method: "PUT", body, headers: { "content-type": "application/json" } },
      signal,
    );
  }

  /** The parsed object, or null when it does not exist. */
  async getJson<T>(key: string, signal?: AbortSignal): Promise<T | null> {
    try {
      return (await (await this.request(`GET ${key}`, this.url(key), {}, signal)).json()) as T;
    } catch (error) {
      if (error instanceof PermanentRequestError && error.status === 404) return null;
      throw error;
    }
  }

  async exists(key: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.request(`HEAD ${key}`, this.url(key), { method: "HEAD" }, signal);
      return true;
    } catch (error) {
      if (error instanceof PermanentRequestError && error.status === 404) return false;
      throw error;
    }
  }
}
