import { AwsClient } from "aws4fetch";
import { StorageError } from "../../agents/contracts/s3/storage-error.ts";
import type { Env } from "../env.ts";

export type BucketConfig = Pick<
  Env,
  "S3_ENDPOINT" | "S3_BUCKET" | "S3_REGION" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY" | "BUCKET"
>;

/** Keys are `/`-separated ids; each segment is encoded the way SigV4 canonicalizes it. */
const encodeKey = (key: string) => key.split("/").map(encodeURIComponent).join("/");

const xmlEntities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
const decodeXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => xmlEntities[entity]!);

/**
 * The project's bucket through the S3 API (R2 in production, the local S3 server in
 * development), signed with SigV4 by aws4fetch. Object bytes never pass through the Worker:
 * clients get presigned URLs. Where R2 is bound (`BUCKET`, in staging and production), the
 * Worker's own reads, HEADs and deletes go through the binding: no signing, no HTTP round trip.
 *
 * @example
 * const bucket = new Bucket(env);
 * const url = await bucket.presign("GET", "jobs/123/outputs/reel.mp4", { expiresIn: 900 });
 */
export class Bucket {
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly binding: R2Bucket | undefined;

  constructor(config: BucketConfig) {
    this.binding = config.BUCKET;
    this.client = new AwsClient({
      accessKeyId: config.S3_ACCESS_KEY_ID,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY,
      service: "s3",
      region: config.S3_REGION || "auto",
    });
    this.base = `${config.S3_ENDPOINT.replace(/\/+$/, "")}/${config.S3_BUCKET}`;
  }

  objectUrl(key: string, query: Record<string, string> = {}): string {
    const url = new URL(`${this.base}/${encodeKey(key)}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** A signed request against the bucket itself or one object. */
  fetch(key: string | null, init: RequestInit & { query?: Record<string, string> } = {}): Promise<Response> {
    const { query, ...rest } = init;
    const url = key === null ? this.bucketUrl(query) : this.objectUrl(key, query);
    return this.client.fetch(url, rest);
  }

  /** Resolves when the bucket answers to our credentials; throws StorageError otherwise. */
  async check(): Promise<void> {
    const response = await this.fetch(null, { method: "HEAD" });
    if (!response.ok) throw new StorageError(`bucket answered ${response.status}`, response.status);
  }

  async head(key: string): Promise<{ sizeBytes: number; etag: string | null } | null> {
    if (this.binding) {
      const object = await this.binding.head(key);
      return object ? { sizeBytes: object.size, etag: object.httpEtag } : null;
    }
    const response = await this.fetch(key, { method: "HEAD" });
    if (response.status === 404) return null;
    if (!response.ok) throw new StorageError(`HEAD ${key} answered ${response.status}`, response.status);
    return { sizeBytes: Number(response.headers.get("content-length") ?? 0), etag: response.headers.get("etag") };
  }

  /** Deletes an object; deleting one that is not there is not an error (S3 answers 204 alike). */
  async delete(key: string): Promise<void> {
    if (this.binding) return this.binding.delete(key);
    const response = await this.fetch(key, { method: "DELETE" });
    if (!response.ok && response.status !== 404) {
      throw new StorageError(`DELETE ${key} answered ${response.status}`, response.status);
    }
  }

  /** An object's JSON, or null when it is missing or not JSON. */
  async readJson(key: string): Promise<unknown> {
    if (this.binding) return (await this.binding.get(key))?.json().catch(() => null) ?? null;
    const response = await this.fetch(key);
    return response.ok ? response.json().catch(() => null) : null;
  }

  /**
   * Every key under `prefix`, a page of ListObjectsV2 at a time.
   *
   * @example
   * for await (const key of bucket.keysUnder("jobs/123/")) await bucket.delete(key);
   */
  async *keysUnder(prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const query: Record<string, string> = { "list-type": "2", prefix };
      if (token) query["continuation-token"] = token;
      const response = await this.fetch(null, { method: "GET", query });
      if (!response.ok) throw new StorageError(`LIST ${prefix} answered ${response.status}`, response.status);
      const xml = await response.text();
      for (const [, key] of xml.matchAll(/<Key>([^<]*)<\/Key>/g)) yield decodeXml(key!);
      token = /<IsTruncated>true<\/IsTruncated>/.test(xml)
        ? decodeXml(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/.exec(xml)?.[1] ?? "")
        : undefined;
    } while (token);
  }

  /**
   * A URL that allows one method on one key until it expires. Headers passed here are signed
   * too, so the client must send them unchanged (used to bind content type and length).
   */
  async presign(
    method: "GET" | "PUT" | "HEAD",
    key: string,
    options: { expiresIn: number; query?: Record<string, string>; headers?: Record<string, string> },
  ): Promise<string> {
    const url = this.objectUrl(key, { ...options.query, "X-Amz-Expires": String(options.expiresIn) });
    const signed = await this.client.sign(url, {
      method,
      headers: options.headers,
      aws: { signQuery: true, allHeaders: Boolean(options.headers) },
    });
    return signed.url;
  }

  private bucketUrl(query: Record<string, string> = {}): string {
    const url = new URL(this.base);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }
}
