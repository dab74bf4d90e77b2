import { isRetryableStatus, withRetry } from "../../agents/contracts/retry.ts";
import { contentTypeFor } from "../../agents/contracts/upload-formats.ts";
import { partRange } from "../../agents/contracts/upload-parts.ts";
import { forEachConcurrently } from "./concurrency.ts";
import { PartLedger, type UploadProgress } from "./part-ledger.ts";
import { type ApiConnection, type Upload, UploadApi, type UploadState } from "./upload-api.ts";

export { ApiError } from "./api-request.ts";
export type { UploadProgress } from "./part-ledger.ts";
export type { Upload, UploadState } from "./upload-api.ts";

/**
 * Sends one PUT of `body` to the storage and answers as fetch does; `onSent` hears how many of
 * its bytes have left so far. fetch cannot tell (a browser passes an XMLHttpRequest one).
 */
export type BytesPut = (
  url: string,
  body: Blob,
  init: { headers: Record<string, string>; signal?: AbortSignal; onSent: (bytes: number) => void },
) => Promise<Response>;

export type UploadClientOptions = ApiConnection & {
  /** Parts in flight at once (default 4). */
  concurrency?: number;
  /** Retries of a part after a network error or a 5xx/429 answer (default 4). */
  retries?: number;
  /** The first retry waits about this long, each next one twice as long (default 500 ms). */
  retryDelayMs?: number;
  /** How bytes are PUT (default: `fetch`, which reports a part only once it has landed). */
  putBytes?: BytesPut;
};

export type UploadOptions = {
  /** Defaults to `file.name` (a File) or "upload". */
  filename?: string;
  /** Defaults to `file.type`, or the type its extension implies when the platform gave none. */
  contentType?: string;
  /** Called as parts finish with the bytes the storage holds so far; last with the total. */
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
};

/** The transfer failed; `uploadId` resumes it with `client.resume(uploadId, file)`. */
export class UploadTransferError extends Error {
  constructor(
    message: string,
    readonly uploadId: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UploadTransferError";
  }
}

/** A PUT either stored the bytes (with the ETag the storage answered) or needs a fresh URL. */
type PutResult = { stored: true; etag: string | null } | { stored: false };

/** How many times in a row fresh URLs are fetched while the storage refuses every one. */
const MAX_STALLED_ROUNDS = 3;

/**
 * Uploads lecture files straight to storage through the API's presigned URLs: create, PUT the
 * parts in parallel (retrying failures with backoff), complete. Uses only fetch, Blob and
 * AbortSignal, so it runs in browsers and Node 22 alike.
 *
 * @example
 * const client = new UploadClient({ apiBase: "https://highlights.example.com", token });
 * const upload = await client.upload(file, { onProgress: ({ sentBytes, totalBytes }) => bar(sentBytes / totalBytes) });
 * // after a failure: await client.resume(error.uploadId, file);
 */
export class UploadClient {
  readonly api: UploadApi;
  /** Where and as whom this client talks to the API. */
  readonly connection: UploadClientOptions;
  private readonly putBytes: BytesPut;

  constructor(private readonly options: UploadClientOptions) {
    this.connection = options;
    this.api = new UploadApi(options);
    const fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.putBytes =
      options.putBytes ?? ((url, body, { headers, signal }) => fetcher(url, { method: "PUT", body, headers, signal }));
  }

  /** Uploads `file` from the start; resolves with the completed upload. */
  async upload(file: Blob, options: UploadOptions = {}): Promise<Upload> {
    const filename = options.filename ?? (file as Partial<File>).name ?? "upload";
    const contentType = options.contentType || file.type || contentTypeFor(filename) || "application/octet-stream";
    const state = await this.api.create({ filename, contentType, size: file.size }, options.signal);
    return this.send(state, file, options);
  }

  /** Continues an upload: asks which parts the storage holds and sends only the others. */
  async resume(uploadId: string, file: Blob, options: UploadOptions = {}): Promise<Upload> {
    const state = await this.api.get(uploadId, options.signal);
    if (state.status === "completed") return state;
    if (state.size !== file.size) {
      throw new UploadTransferError(`The file has ${file.size} bytes; the upload expects ${state.size}.`, uploadId);
    }
    return this.send(state, file, options);
  }

  private async send(first: UploadState, file: Blob, options: UploadOptions): Promise<Upload> {
    const stored = new PartLedger(first, file.size, options.onProgress);
    try {
      // A round sends what the last answer had URLs for (at most 1,000 parts); the next GET
      // brings URLs for the rest and fresh ones for any that expired.
      let state = first;
      for (let stalledRounds = 0; ; ) {
        if (stalledRounds === MAX_STALLED_ROUNDS) throw new Error("The storage kept refusing fresh URLs.");
        if (state.kind === "single") {
          const sending = (bytes: number) => stored.sending(1, bytes);
          if ((await this.put(state.url!, file, state.headers, options.signal, sending)).stored) break;
          stalledRounds++;
        } else {
          stored.recordStored(state.uploadedParts ?? []);
          if (!state.parts?.length) break;
          const sent = await this.sendParts(state, file, stored, options.signal);
          stalledRounds = sent === 0 ? stalledRounds + 1 : 0;
        }
        state = await this.api.get(first.id, options.signal);
      }
      stored.finish();
      return await this.api.complete(first.id, stored.claims(), options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new UploadTransferError(`Upload ${first.id} failed: ${(error as Error).message}`, first.id, {
        cause: error,
      });
    }
  }

  /** PUTs the parts `state` has URLs for; answers how many the storage took. */
  private async sendParts(state: UploadState, file: Blob, stored: PartLedger, signal?: AbortSignal): Promise<number> {
    let sent = 0;
    await forEachConcurrently(state.parts ?? [], this.options.concurrency ?? 4, async (part) => {
      const { start, end } = partRange(part.partNumber, state.partSize!, file.size);
      const sending = (bytes: number) => stored.sending(part.partNumber, bytes);
      const result = await this.put(part.url, file.slice(start, end), {}, signal, sending);
      if (!result.stored) return; // the URL no longer holds: the next round brings a fresh one
      stored.record(part.partNumber, result.etag);
      sent++;
    });
    return sent;
  }

  /** One PUT with retries for what may pass on a second try: network errors, 5xx, 429, 408. */
  private async put(
    url: string,
    body: Blob,
    headers: Record<string, string> | undefined,
    signal: AbortSignal | undefined,
    onSent: (bytes: number) => void,
  ): Promise<PutResult> {
    const maxAttempts = (this.options.retries ?? 4) + 1;
    const baseDelayMs = this.options.retryDelayMs ?? 500;
    let attempts = 0;
    try {
      return await withRetry(
        async (attempt) => {
          attempts = attempt;
          onSent(0);
          const response = await this.putBytes(url, body, { headers: headers ?? {}, signal, onSent });
          await response.body?.cancel();
          if (response.ok) return { stored: true, etag: response.headers.get("etag") };
          // The signature no longer holds, most often because the URL expired.
          if (response.status === 403) return { stored: false };
          throw new StorageRefusal(response.status);
        },
        (error) => !(error instanceof StorageRefusal) || isRetryableStatus(error.status),
        { maxAttempts, baseDelayMs, maxDelayMs: 30_000 },
        { signal },
      );
    } catch (error) {
      const permanent = error instanceof StorageRefusal && !isRetryableStatus(error.status);
      if (signal?.aborted || permanent) throw error;
      throw new Error(`PUT failed ${attempts} times`, { cause: error });
    }
  }
}

/** The storage answered a PUT with a status other than success or 403. */
class StorageRefusal extends Error {
  constructor(readonly status: number) {
    super(`the storage answered ${status}`);
  }
}
