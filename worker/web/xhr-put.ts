import type { BytesPut } from "../client/upload-client.ts";

/** `Etag: "…"` lines of XMLHttpRequest#getAllResponseHeaders as Headers. */
function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The upload client's PUT through XMLHttpRequest, whose upload events count bytes as they
 * leave: with fetch a file sent in one PUT shows 0 B until all of it has landed. A network
 * failure rejects as fetch does (a TypeError), an abort with the signal's reason.
 *
 * @example
 * new UploadClient({ ...connection(), putBytes: xhrPut });
 */
export const xhrPut: BytesPut = (url, body, { headers, signal, onSent }) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener("progress", (event) => onSent(event.loaded));
    xhr.addEventListener("load", () =>
      resolve(new Response(null, { status: xhr.status, headers: parseHeaders(xhr.getAllResponseHeaders()) })),
    );
    xhr.addEventListener("error", () => reject(new TypeError("Failed to fetch")));
    xhr.addEventListener("timeout", () => reject(new TypeError("Failed to fetch")));
    xhr.addEventListener("abort", () =>
      reject(signal?.reason ?? new DOMException("The upload was aborted.", "AbortError")),
    );
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
