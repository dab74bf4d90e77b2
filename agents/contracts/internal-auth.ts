import { constantTimeEqual } from "./constant-time.ts";

/**
 * HMAC signing of internal calls between the Worker and the media worker, in both directions.
 * The signature covers a timestamp and the exact body, so a captured request cannot be replayed
 * outside the tolerance window nor altered. WebCrypto only: it runs in workerd and Node alike.
 *
 * @example
 * const headers = await signInternalRequest(secret, body);
 * await fetch(url, { method: "POST", body, headers });
 * // receiver:
 * const check = await verifyInternalRequest(secret, body, request.headers.get(INTERNAL_SIGNATURE_HEADER));
 */
export const INTERNAL_SIGNATURE_HEADER = "x-lh-signature";
export const INTERNAL_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function signInternalRequest(
  secret: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Record<string, string>> {
  const signature = await hmacHex(secret, `${nowSeconds}.${body}`);
  return { [INTERNAL_SIGNATURE_HEADER]: `t=${nowSeconds},v1=${signature}`, "content-type": "application/json" };
}

export type InternalVerification =
  | { ok: true }
  | { ok: false; reason: "missing" | "malformed" | "expired" | "mismatch" };

export async function verifyInternalRequest(
  secret: string,
  body: string,
  header: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<InternalVerification> {
  if (!header) return { ok: false, reason: "missing" };
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return { ok: false, reason: "malformed" };
  const timestamp = Number(match[1]);
  if (Math.abs(nowSeconds - timestamp) > INTERNAL_TOLERANCE_SECONDS) return { ok: false, reason: "expired" };
  const expected = await hmacHex(secret, `${timestamp}.${body}`);
  const matches = constantTimeEqual(encoder.encode(expected), encoder.encode(match[2] as string));
  return matches ? { ok: true } : { ok: false, reason: "mismatch" };
}
