import { fromBase64, toBase64 } from "../auth/secrets.ts";

const encoder = new TextEncoder();
export const SECRET_PREFIX = "whsec_";

/**
 * A new Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes.
 *
 * @example
 * newSigningSecret(); // "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9N/3zH2fl2E="
 */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

async function signOnce(secret: string, signedContent: Uint8Array): Promise<string> {
  const keyBytes = fromBase64(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return `v1,${toBase64(new Uint8Array(await crypto.subtle.sign("HMAC", key, signedContent)))}`;
}

/**
 * The `webhook-signature` header per the Standard Webhooks specification: for each secret,
 * `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the secret's decoded bytes,
 * space-separated (several during a rotation's overlap).
 *
 * @example
 * await signatureHeader("msg_1", 1700000000, '{"type":"job.completed"}', [secret]); // "v1,K5oZ…="
 */
export async function signatureHeader(
  id: string,
  timestampSeconds: number,
  body: string,
  secrets: readonly string[],
): Promise<string> {
  const signedContent = encoder.encode(`${id}.${timestampSeconds}.${body}`);
  const signatures = await Promise.all(secrets.map((secret) => signOnce(secret, signedContent)));
  return signatures.join(" ");
}
