import { decryptSecret, encryptSecret } from "../auth/encryption.ts";
import { newSigningSecret } from "./signature.ts";

/** After a rotation the old secret keeps signing for this long, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A destination's secrets as stored: the current one and, for a day after a rotation, the old one. */
export type StoredSecrets = { current: string; previous: string | null; previousExpiresAt: Date | null };

/**
 * The plaintext secrets that sign a delivery now: the current one, then the previous one while
 * its overlap lasts.
 *
 * @example
 * const secrets = await activeSecrets(env.ENCRYPTION_KEY, stored, `webhook-endpoint:${id}`);
 */
export async function activeSecrets(
  encryptionKey: string,
  stored: StoredSecrets,
  context: string,
  now = new Date(),
): Promise<string[]> {
  const secrets = [await decryptSecret(encryptionKey, stored.current, context)];
  if (stored.previous && stored.previousExpiresAt && stored.previousExpiresAt > now) {
    secrets.push(await decryptSecret(encryptionKey, stored.previous, context));
  }
  return secrets;
}

/**
 * A fresh secret, encrypted for `context`, to store as the current one; the caller moves the
 * old current secret to `previous` with `previousExpiresAt`.
 *
 * @example
 * const { secret, encrypted } = await createEncryptedSecret(env.ENCRYPTION_KEY, `webhook-endpoint:${id}`);
 */
export async function createEncryptedSecret(
  encryptionKey: string,
  context: string,
): Promise<{ secret: string; encrypted: string }> {
  const secret = newSigningSecret();
  return { secret, encrypted: await encryptSecret(encryptionKey, secret, context) };
}

/**
 * The secrets after a rotation: a new current one, the old current one kept as `previous` for
 * `ROTATION_OVERLAP_MS`. Only one previous secret is kept: rotating twice within a day retires
 * the oldest at once.
 *
 * @example
 * const { secret, stored } = await rotatedSecrets(env.ENCRYPTION_KEY, row.secretEncrypted, context);
 */
export async function rotatedSecrets(
  encryptionKey: string,
  currentEncrypted: string | null,
  context: string,
  now = new Date(),
): Promise<{ secret: string; stored: StoredSecrets }> {
  const { secret, encrypted } = await createEncryptedSecret(encryptionKey, context);
  return {
    secret,
    stored: {
      current: encrypted,
      previous: currentEncrypted,
      previousExpiresAt: currentEncrypted ? new Date(now.getTime() + ROTATION_OVERLAP_MS) : null,
    },
  };
}

/** AES-GCM additional data: binds an endpoint's secret to that endpoint's row. */
export const endpointSecretContext = (endpointId: string) => `webhook-endpoint:${endpointId}`;

/** AES-GCM additional data: binds an account's secret (for per-job URLs) to that account. */
export const accountSecretContext = (organizationId: string) => `account-webhook:${organizationId}`;
