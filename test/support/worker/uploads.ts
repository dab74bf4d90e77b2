import { SELF } from "cloudflare:test";
import type { UploadState } from "../../../worker/client/upload-api.ts";
import { apiBase, authHeaders } from "./accounts.ts";

export const MiB = 2 ** 20;

/** The API's view of an upload, with the URLs it hands out while pending. */
export type UploadBody = UploadState;

/**
 * `size` bytes that differ from part to part, so a part sent in the wrong place would show.
 *
 * @example
 * const file = testBytes(11 * MiB);
 */
export function testBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i += 4) {
    state = (Math.imul(state, 1664525) + 1013904223) | 0;
    bytes[i] = state;
    bytes[i + 1] = state >>> 8;
    bytes[i + 2] = state >>> 16;
    bytes[i + 3] = state >>> 24;
  }
  return bytes;
}

/** Calls the uploads API as `credential`; answers the status and the parsed body. */
export async function uploadsApi<T = UploadBody>(
  credential: string,
  method: string,
  path = "",
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await SELF.fetch(`${apiBase}/v1/uploads${path}`, {
    method,
    headers: body === undefined ? { authorization: `Bearer ${credential}` } : authHeaders(credential),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Creates an upload and fails the test unless the API answers 201. */
export async function createUpload(
  credential: string,
  request: { filename: string; contentType: string; size: number },
): Promise<UploadBody> {
  const { status, body } = await uploadsApi(credential, "POST", "", request);
  if (status !== 201) throw new Error(`POST /v1/uploads answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

/** PUTs one part (or the whole file) to a presigned URL; answers the storage's response. */
export function putBytes(url: string, bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) {
  return fetch(url, { method: "PUT", body: bytes, headers });
}
