import { fromBase64, toBase64 } from "./secrets.ts";

const encoder = new TextEncoder();
const FORMAT = "v1";

async function importKey(base64Key: string): Promise<CryptoKey> {
  const raw = fromBase64(base64Key);
  if (raw.length !== 32) throw new Error("ENCRYPTION_KEY must be base64 of 32 bytes");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/**
 * Encrypts a secret for storage with AES-256-GCM under `ENCRYPTION_KEY`. `context` is bound as
 * additional data (e.g. the row it belongs to), so a ciphertext copied onto another row fails
 * to decrypt instead of handing that row someone else's secret.
 *
 * @example
 * const stored = await encryptSecret(env.ENCRYPTION_KEY, "whsec_…", `webhook-endpoint:${id}`); // "v1.<iv>.<ct>"
 */
export async function encryptSecret(base64Key: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: encoder.encode(context) },
    await importKey(base64Key),
    encoder.encode(plaintext),
  );
  return `${FORMAT}.${toBase64(iv)}.${toBase64(new Uint8Array(ciphertext))}`;
}

/**
 * Reverses `encryptSecret`; throws when the key, the context or the ciphertext do not match.
 *
 * @example
 * const secret = await decryptSecret(env.ENCRYPTION_KEY, row.secretEncrypted, `webhook-endpoint:${row.id}`);
 */
export async function decryptSecret(base64Key: string, stored: string, context: string): Promise<string> {
  const [format, iv, ciphertext] = stored.split(".");
  if (format !== FORMAT || !iv || !ciphertext) throw new Error("unknown encrypted secret format");
  const plaintext = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(context) },
    await importKey(base64Key),
    fromBase64(ciphertext),
  );
  return new TextDecoder().decode(plaintext);
}
