import type { z } from "@hono/zod-openapi";
import type { createUploadSchema, uploadSchema, uploadWithUrlsSchema } from "../routes/uploads/schemas.ts";
import { type ApiConnection, apiRequest } from "./api-request.ts";

/** An upload as the API shows it. */
export type Upload = z.infer<typeof uploadSchema>;
/** An upload with the URLs its bytes still need (pending uploads only). */
export type UploadState = z.infer<typeof uploadWithUrlsSchema>;
export type NewUploadRequest = z.infer<typeof createUploadSchema>;

export type { ApiConnection } from "./api-request.ts";

/**
 * The `/v1/uploads` routes as typed calls; every non-2xx answer throws ApiError.
 *
 * @example
 * const api = new UploadApi({ apiBase: "https://highlights.example.com", token });
 * const state = await api.get(uploadId);
 */
export class UploadApi {
  constructor(private readonly connection: ApiConnection) {}

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

  private call<T>(method: string, path: string, signal?: AbortSignal, body?: unknown): Promise<T> {
    return apiRequest<T>(this.connection, method, `/v1/uploads${path}`, { body, signal });
  }
}
