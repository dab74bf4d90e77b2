import type { z } from "@hono/zod-openapi";
import type { createUploadSchema, uploadSchema, uploadWithUrlsSchema } from "../routes/uploads/schemas.ts";

/** An upload as the API shows it. */
export type Upload = z.infer<typeof uploadSchema>;
/** An upload with the URLs its bytes still need (pending uploads only). */
export type UploadState = z.infer<typeof uploadWithUrlsSchema>;
export type NewUploadRequest = z.infer<typeof createUploadSchema>;

export type ApiConnection = {
  /** Where the API is, e.g. `https://highlights.example.com`. */
  apiBase: string;
  /** An access token or an API key with `uploads:write`. */
  token: string;
  /** Defaults to the global fetch; tests pass one that reaches the Worker in-process. */
  fetch?: typeof fetch;
};

/** The API refused a request; `code` is the problem's stable code (`upload_parts_missing`, …). */
export class UploadApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly problem: unknown,
  ) {
    super(detail);
    this.name = "UploadApiError";
  }
}

/**
 * The `/v1/uploads` routes as typed calls; every non-2xx answer throws UploadApiError.
 *
 * @example
 * const api = new UploadApi({ apiBase: "https://highlights.example.com", token });
 * const state = await api.get(uploadId);
 */
export class UploadApi {
  private readonly fetch: typeof fetch;

  constructor(private readonly connection: ApiConnection) {
    this.fetch = connection.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  create(request: NewUploadRequest, signal?: AbortSignal): Promise<UploadState> {
    return this.call("POST", "", signal, request);
  }

  get(id: string, signal?: AbortSignal): Promise<UploadState> {
    return this.call("GET", `/${id}`, signal);
  }

  complete(id: string, parts?: { partNumber: number; etag: string }[], signal?: AbortSignal): Promise<Upload> {
    return this.call("POST", `/${id}/complete`, signal, parts ? { parts } : undefined);
  }

  async abort(id: string, signal?: AbortSignal): Promise<void> {
    await this.call("DELETE", `/${id}`, signal);
  }

  private async call<T>(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await this.fetch(`${this.connection.apiBase.replace(/\/+$/, "")}/v1/uploads${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const problem = parsed as { code?: string; detail?: string } | undefined;
      throw new UploadApiError(
        response.status,
        problem?.code ?? "http_error",
        problem?.detail ?? `${method} ${path} answered ${response.status}`,
        parsed,
      );
    }
    return parsed as T;
  }
}
