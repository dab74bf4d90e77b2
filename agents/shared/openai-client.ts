import OpenAI, { APIConnectionError } from "openai";
import { isRetryableStatus } from "../contracts/retry.ts";

export type OpenAIConnection = {
  apiKey: string;
  /** Any OpenAI-compatible endpoint; falls back to `OPENAI_BASE_URL`, then OpenAI itself. */
  baseUrl?: string;
  /** Per HTTP call; each retry gets a fresh budget. */
  timeoutMs: number;
};

/**
 * An OpenAI client whose built-in retries are off: the agents retry through `withRetry` so
 * that every attempt is counted and the policy is the same for every backend.
 *
 * @example
 * const client = createOpenAIClient({ apiKey: "sk-…", timeoutMs: 120_000 });
 */
export function createOpenAIClient(connection: OpenAIConnection): OpenAI {
  return new OpenAI({
    apiKey: connection.apiKey,
    baseURL: connection.baseUrl ?? process.env.OPENAI_BASE_URL ?? undefined,
    timeout: connection.timeoutMs,
    maxRetries: 0,
  });
}

type ErrorWithStatus = { status?: unknown };

/**
 * 429, 5xx, timeouts, dropped connections and 409 (OpenAI's lock conflicts) are worth another
 * try; other 4xx are not.
 *
 * @example
 * await withRetry(() => client.audio.transcriptions.create(params), isRetryableApiError);
 */
export function isRetryableApiError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const status = (error as ErrorWithStatus).status;
  if (typeof status === "number") return status === 409 || isRetryableStatus(status);
  return error instanceof APIConnectionError;
}
