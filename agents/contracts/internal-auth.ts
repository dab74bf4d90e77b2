import { constantTimeEqual } from "./constant-time.ts";

/**
 * HMAC signing (v2) of internal calls between the Worker and the media worker, in both
 * directions. The signature covers the method, the path and query the receiver routes on, a
 * hash of the exact body, the (job, attempt) the call concerns, a timestamp and a random nonce:
 * a captured call cannot be altered, pointed at another path or job, or sent again — the
 * receiver remembers each nonce for longer than the timestamp's tolerance, so a second copy is
 * refused as replayed and a later one as expired. WebCrypto only: it runs in workerd and Node.
 *
 * @example
 * const call = { method: "POST", target: `/jobs/${jobId}/cancel`, body, jobId, attempt };
 * await fetch(url, { method: "POST", body, headers: await signInternalRequest(secret, call) });
 * // receiver:
 * const check = await authenticateInternalCall(secret, received, header, { nonces, pathJobId: jobId });
 */
export const INTERNAL_SIGNATURE_HEADER = "x-lh-signature";
export const INTERNAL_TOLERANCE_SECONDS = 300;
/** How long a receiver remembers a nonce: past this, the timestamp alone refuses the copy. */
export const INTERNAL_NONCE_TTL_SECONDS = 2 * INTERNAL_TOLERANCE_SECONDS;

/** What a signature covers, besides the timestamp and nonce. */
export type InternalCall = {
  method: string;
  /** The path the receiver routes on, with its query (`/jobs/<id>/cancel`); an absolute URL gives its own. */
  target: string;
  body: string;
  jobId: string;
  attempt: number;
};

/** What a verified header tells the receiver. */
export type InternalClaims = { timestamp: number; nonce: string; jobId: string; attempt: number };

/** Remembers accepted nonces; `remember` answers false for a nonce it already holds. */
export type NonceStore = { remember(nonce: string, expiresAtSeconds: number): Promise<boolean> };

export type InternalRefusal =
  | "missing"
  | "malformed"
  | "expired"
  | "mismatch"
  /** The path or the body names another job or attempt than the signature. */
  | "wrong_job"
  | "replayed";

export type InternalVerification = { ok: true; claims: InternalClaims } | { ok: false; reason: InternalRefusal };

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

/** Path and query with parameters sorted, so equivalent spellings sign alike. */
function canonicalTarget(target: string): string {
  const url = new URL(target, "http://signed.invalid");
  const query = new URLSearchParams([...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${url.pathname}\n${query.toString()}`;
}

async function canonicalString(call: InternalCall, claims: Omit<InternalClaims, "jobId" | "attempt">) {
  const bodyHash = hex(await crypto.subtle.digest("SHA-256", encoder.encode(call.body)));
  return [
    "lh-internal-v2",
    claims.timestamp,
    claims.nonce,
    call.method.toUpperCase(),
    canonicalTarget(call.target),
    call.jobId,
    call.attempt,
    bodyHash,
  ].join("\n");
}

/** Headers for one signed internal call; every call gets a fresh nonce, retries included. */
export async function signInternalRequest(
  secret: string,
  call: InternalCall,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<Record<string, string>> {
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)));
  const signature = await hmacHex(secret, await canonicalString(call, { timestamp: nowSeconds, nonce }));
  const header = `v2,t=${nowSeconds},n=${nonce},job=${call.jobId},a=${call.attempt},sig=${signature}`;
  return { [INTERNAL_SIGNATURE_HEADER]: header, "content-type": "application/json" };
}

const headerPattern = /^v2,t=(\d{1,12}),n=([0-9a-f]{32}),job=([0-9a-f-]{36}),a=(\d{1,6}),sig=([0-9a-f]{64})$/;

/** Checks the signature over what was received; says nothing yet about the body's job or replays. */
export async function verifyInternalRequest(
  secret: string,
  received: Omit<InternalCall, "jobId" | "attempt">,
  header: string | null,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<InternalVerification> {
  if (!header) return { ok: false, reason: "missing" };
  const match = headerPattern.exec(header);
  if (!match) return { ok: false, reason: "malformed" };
  const claims = { timestamp: Number(match[1]), nonce: match[2]!, jobId: match[3]!, attempt: Number(match[4]) };
  if (Math.abs(nowSeconds - claims.timestamp) > INTERNAL_TOLERANCE_SECONDS) return { ok: false, reason: "expired" };
  const expected = await hmacHex(secret, await canonicalString({ ...received, ...claims }, claims));
  const matches = constantTimeEqual(encoder.encode(expected), encoder.encode(match[5]!));
  return matches ? { ok: true, claims } : { ok: false, reason: "mismatch" };
}

/** True when the JSON body names exactly the signed job and attempt (`{ jobId, attempt, ... }`). */
function bodyNamesClaims(body: string, claims: InternalClaims): boolean {
  try {
    const parsed = JSON.parse(body) as { jobId?: unknown; attempt?: unknown };
    return parsed.jobId === claims.jobId && parsed.attempt === claims.attempt;
  } catch {
    return false;
  }
}

/**
 * The whole check a receiver makes: the signature, the path's job (when the route has one) and
 * the body's job and attempt equal the signed ones, and the nonce is new. The nonce is only
 * remembered once everything else holds, so forged calls cannot fill the store.
 *
 * @example
 * const check = await authenticateInternalCall(secret, { method: "POST", target: c.req.url, body },
 *   c.req.header(INTERNAL_SIGNATURE_HEADER) ?? null, { nonces, pathJobId: c.req.param("id") });
 * if (!check.ok) return c.json({ error: check.reason }, 401);
 */
export async function authenticateInternalCall(
  secret: string,
  received: Omit<InternalCall, "jobId" | "attempt">,
  header: string | null,
  binding: { nonces: NonceStore; pathJobId?: string },
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<InternalVerification> {
  const verified = await verifyInternalRequest(secret, received, header, nowSeconds);
  if (!verified.ok) return verified;
  const { claims } = verified;
  if (binding.pathJobId !== undefined && binding.pathJobId !== claims.jobId) return { ok: false, reason: "wrong_job" };
  if (!bodyNamesClaims(received.body, claims)) return { ok: false, reason: "wrong_job" };
  const fresh = await binding.nonces.remember(claims.nonce, claims.timestamp + INTERNAL_NONCE_TTL_SECONDS);
  return fresh ? verified : { ok: false, reason: "replayed" };
}

/**
 * Nonces kept in memory, for a receiver without a database (the media worker). Entries leave
 * once expired; a restarted process forgets them, which is safe where a restart also forgets
 * every job the replayed call could concern.
 *
 * @example
 * const nonces = memoryNonceStore();
 * await nonces.remember("ab…", now + INTERNAL_NONCE_TTL_SECONDS); // true, then false
 */
export function memoryNonceStore(nowSeconds = () => Math.floor(Date.now() / 1000)): NonceStore {
  const seen = new Map<string, number>();
  return {
    async remember(nonce, expiresAtSeconds) {
      const now = nowSeconds();
      for (const [known, expiry] of seen) if (expiry < now) seen.delete(known);
      if (seen.has(nonce)) return false;
      seen.set(nonce, expiresAtSeconds);
      return true;
    },
  };
}
