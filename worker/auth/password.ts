import { constantTimeEqual } from "../../agents/contracts/constant-time.ts";
import { fromBase64, toBase64 } from "./secrets.ts";

/**
 * PBKDF2-HMAC-SHA256, the OWASP choice when Argon2id, scrypt and bcrypt are unavailable (they
 * are not in WebCrypto). OWASP asks for 600,000 iterations; production Workers refuse more than
 * 100,000, so we run at exactly that cap. The stored format carries its iteration count, and a
 * login with an older count rehashes, so the number can be raised the day the platform allows.
 */
export const PBKDF2_MAX_ITERATIONS = 100_000;
export const PBKDF2_ITERATIONS = 100_000;

const scheme = "pbkdf2-sha256";
const saltBytes = 16;
const hashBits = 256;
const encoder = new TextEncoder();

/**
 * Derives the PBKDF2 hash. Refuses counts above the Workers cap itself, because `wrangler dev`
 * does not enforce it and a too-high count would pass every local test and fail in production.
 *
 * @example
 * await derivePbkdf2("correct horse battery", salt, 100_000); // 32 bytes
 */
export async function derivePbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_MAX_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be between 1 and ${PBKDF2_MAX_ITERATIONS}, got ${iterations}`);
  }
  const key = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, hashBits);
  return new Uint8Array(bits);
}

/**
 * Hashes a password for storage as `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`.
 *
 * @example
 * await hashPassword("correct horse battery"); // "pbkdf2-sha256$100000$…$…"
 */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(saltBytes));
  const hash = await derivePbkdf2(password, salt, iterations);
  return [scheme, iterations, toBase64(salt), toBase64(hash)].join("$");
}

/**
 * Checks a password against a stored hash. `needsRehash` says the hash was made with fewer
 * iterations than we use now: the caller stores a fresh hash while it has the password.
 *
 * @example
 * const { valid, needsRehash } = await verifyPassword(input, user.passwordHash);
 */
export async function verifyPassword(
  password: string,
  stored: string,
): Promise<{ valid: boolean; needsRehash: boolean }> {
  const [name, iterationsText, saltText, hashText] = stored.split("$");
  const iterations = Number(iterationsText);
  if (name !== scheme || !saltText || !hashText || !Number.isInteger(iterations)) {
    return { valid: false, needsRehash: false };
  }
  const actual = await derivePbkdf2(password, fromBase64(saltText), iterations);
  const valid = constantTimeEqual(actual, fromBase64(hashText));
  return { valid, needsRehash: valid && iterations < PBKDF2_ITERATIONS };
}

/**
 * A hash of nothing, checked when the account does not exist so that an unknown email costs
 * as much time as a wrong password and does not reveal which emails are registered.
 */
export const decoyPasswordHash = `${scheme}$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
