import { createWriteStream } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { AwsClient } from "aws4fetch";
import { isRetryableStatus, type RetryPolicy, withRetry } from "../../../agents/contracts/retry.ts";
import type { S3Requester, S3RequestInit } from "../../../agents/contracts/s3/multipart.ts";
import { ensureOk, isTransientFailure, PermanentRequestError, requestRetryPolicy } from "../http-answer.ts";
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
  private readonly multipartThresholdBytes: number;
  private readonly partSizeBytes: number;
  /** What the shared S3 multipart calls send through: signed and retried like every request here. */
  private readonly requester: S3Requester = { fetch: (key, init) => this.send(key, init) };

  constructor(private readonly config: ObjectStoreConfig) {
    // aws4fetch's own retries do not cover network errors; ours do.
    this.client = new AwsClient({ ...config, service: "s3", retries: 0 });
    this.retry = config.retry ?? requestRetryPolicy;
    this.partSizeBytes = config.partSizeBytes ?? 8 * 1024 * 1024;
    this.multipartThresholdBytes = config.multipartThresholdBytes ?? 16 * 1024 * 1024;
  }

  /**
   * Streams an object to a file without holding it in memory; a partial file is removed. With
   * `ifMatch`, an object whose ETag differs is refused as S3 does (412), checked here as well for
   * a storage that ignores the header.
   */
  async download(key: string, path: string, signal?: AbortSignal, ifMatch?: string): Promise<void> {
    await withRetry(
      async () => {
        const headers = ifMatch ? { "if-match": ifMatch } : undefined;
        const response = await ensureOk(await this.client.fetch(this.url(key), { signal, headers }), `GET ${key}`);
        if (ifMatch && unquoted(response.headers.get("etag")) !== unquoted(ifMatch)) {
          await response.body?.cancel();
          throw new PermanentRequestError(`GET ${key}: the object's ETag is not ${ifMatch}`, 412);
        }
        if (!response.body) throw new Error(`GET ${key} returned no body`);
        try {
          await pipeline(Readable.fromWeb(response.body as NodeWebStream), createWriteStream(path), { signal });
        } catch (error) {
          await rm(path, { force: true });
          throw error;
        }
      },
      isTransientFailure,
      this.retry,
      { signal },
    );
  }

  /** Uploads a file: one PUT when small, a multipart upload above the threshold. */
  async upload(key: string, path: string, contentType: string, signal?: AbortSignal): Promise<void> {
    const { size } = await stat(path);
    if (size > this.multipartThresholdBytes) {
      const file = { key, path, size, contentType, partSizeBytes: this.partSizeBytes };
      return multipartUpload(this.requester, file, signal);
    }
    const handle = await open(path);
    try {
      const body = await handle.readFile();
      await this.request(`PUT ${key}`, key, { method: "PUT", body, headers: { "content-type": contentType }, signal });
    } finally {
      await handle.close();
    }
  }

  async putJson(key: string, value: unknown, signal?: AbortSignal): Promise<void> {
    const body = JSON.stringify(value);
    await this.request(`PUT ${key}`, key, {
      method: "PUT",
      body,
      headers: { "content-type": "application/json" },
      signal,
    });
  }

  /** The parsed object, or null when it does not exist. */
  async getJson<T>(key: string, signal?: AbortSignal): Promise<T | null> {
    try {
      return (await (await this.request(`GET ${key}`, key, { signal })).json()) as T;
    } catch (error) {
      if (error instanceof PermanentRequestError && error.status === 404) return null;
      throw error;
    }
  }

  async exists(key: string, signal?: AbortSignal): Promise<boolean> {
    try {
      await this.request(`HEAD ${key}`, key, { method: "HEAD", signal });
      return true;
    } catch (error) {
      if (error instanceof PermanentRequestError && error.status === 404) return false;
      throw error;
    }
  }

  private url(key: string, query: Record<string, string> = {}): string {
    const path = key.split("/").map(encodeURIComponent).join("/");
    const url = new URL(`${this.config.endpoint.replace(/\/$/, "")}/${this.config.bucket}/${path}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** One signed request, retried over network errors and 5xx/408/429; any other answer is returned. */
  private send(key: string, { query, signal, ...init }: S3RequestInit = {}): Promise<Response> {
    return withRetry(
      async () => {
        const response = await this.client.fetch(this.url(key, query), { ...init, signal });
        return isRetryableStatus(response.status) ? ensureOk(response, `${init.method ?? "GET"} ${key}`) : response;
      },
      isTransientFailure,
      this.retry,
      { signal: signal ?? undefined },
    );
  }

  /** `send`, with any answer but a success thrown; `what` names the request in errors. */
  private async request(what: string, key: string, init: S3RequestInit): Promise<Response> {
    return ensureOk(await this.send(key, init), what);
  }
}

const unquoted = (etag: string | null) => etag?.replace(/^W\//, "").replaceAll('"', "");
