import { isRetryableStatus, type RetryPolicy } from "../../agents/contracts/retry.ts";

/** Thrown for an answer that retrying cannot change (4xx other than 408/429). */
export class PermanentRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "PermanentRequestError";
  }
}

/** The media worker's requests (storage, event reports) retry a little longer than the agents'. */
export const requestRetryPolicy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * Anything but a permanent refusal may pass on another try: network errors, 5xx, a body cut off
 * halfway.
 *
 * @example
 * await withRetry(() => send(), isTransientFailure, requestRetryPolicy, { signal });
 */
export const isTransientFailure = (error: unknown): boolean => !(error instanceof PermanentRequestError);

/**
 * Turns an HTTP answer into success, a retryable failure, or a permanent one.
 *
 * @example
 * const response = await ensureOk(await fetch(url), "GET manifest");
 */
export async function ensureOk(response: Response, what: string): Promise<Response> {
  if (response.ok) return response;
  const detail = (await response.text().catch(() => "")).slice(0, 300);
  const message = `${what} failed with HTTP ${response.status}: ${detail}`;
  if (isRetryableStatus(response.status)) throw new Error(message);
  throw new PermanentRequestError(message, response.status);
}
