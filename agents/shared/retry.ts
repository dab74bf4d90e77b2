import { APIConnectionError } from "openai";

/** How often and how patiently a remote call is retried. */
export type RetryPolicy = {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

export type RetryDeps = {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each wait, for logs and stats. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
};

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` until it succeeds, the error is not retryable, or the attempts run out. Waits
 * grow exponentially with full jitter, so clients that failed together do not retry together;
 * a `retry-after` the server sent wins when it is longer.
 *
 * @example
 * const text = await withRetry(() => client.audio.transcriptions.create(params), isRetryableApiError);
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy = defaultRetryPolicy,
  deps: RetryDeps = {},
): Promise<T> {
  const sleep = deps.sleep ?? sleepFor;
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !isRetryable(error)) throw error;
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.max(random() * ceiling, retryAfterMs(error) ?? 0);
      deps.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}

type ErrorWithStatus = { status?: unknown; headers?: { get?: (name: string) => string | null } };

/** 429, 5xx, timeouts and dropped connections are worth another try; other 4xx are not. */
export function isRetryableApiError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const status = (error as ErrorWithStatus).status;
  if (typeof status === "number") return status === 408 || status === 409 || status === 429 || status >= 500;
  return error instanceof APIConnectionError;
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as ErrorWithStatus | null)?.headers;
  const value = typeof headers?.get === "function" ? headers.get("retry-after") : null;
  const seconds = value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 60_000) : undefined;
}
