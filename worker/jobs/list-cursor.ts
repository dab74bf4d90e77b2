import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../auth/secrets.ts";
import { ProblemError } from "../errors/problem.ts";

/** Where a page of `GET /v1/jobs` ended: the last job's creation time and id. */
export type JobListCursor = { createdAt: string; id: string };

const cursorFields = z.strictObject({
  createdAt: z.iso.datetime({ offset: false, precision: 3 }),
  id: z.uuid(),
});

// A purpose of its own in the MAC, so a cursor can never pass as any other token signed with
// the same secret (and the reverse), and the user's id, so one account's cursor is not another's.
const purpose = "lecture-highlights/jobs-list-cursor/v1";

/**
 * An opaque, signed cursor: base64url(JSON) + "." + base64url(HMAC-SHA256). Clients hand it
 * back unchanged; anything else is refused by `readJobListCursor`.
 *
 * @example
 * const next = await signJobListCursor(env.JWT_SECRET, organizationId, { createdAt: "2026-01-01T00:00:00.000Z", id });
 */
export async function signJobListCursor(
  secret: string,
  organizationId: string,
  cursor: JobListCursor,
): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(cursor)));
  const mac = await crypto.subtle.sign("HMAC", await macKey(secret), macInput(organizationId, payload));
  return `${payload}.${toBase64Url(new Uint8Array(mac))}`;
}

/**
 * The position a cursor from `signJobListCursor` names, or 400 `invalid_cursor` for a cursor
 * this API did not issue to this user (forged, edited, truncated, another account's).
 *
 * @example
 * const after = await readJobListCursor(env.JWT_SECRET, organizationId, query.cursor);
 */
export async function readJobListCursor(secret: string, organizationId: string, text: string): Promise<JobListCursor> {
  const [payload, mac, ...rest] = text.split(".");
  const macBytes = mac === undefined ? null : fromBase64Url(mac);
  if (payload && macBytes && rest.length === 0) {
    const genuine = await crypto.subtle.verify(
      "HMAC",
      await macKey(secret),
      macBytes,
      macInput(organizationId, payload),
    );
    const fields = genuine ? cursorFields.safeParse(parseJson(fromBase64Url(payload))) : null;
    if (fields?.success) return fields.data;
  }
  throw new ProblemError(400, "invalid_cursor", "The cursor is not one this API issued; start from the first page.", {
    errors: [{ path: "cursor", message: "is not a cursor this API issued" }],
  });
}

function macKey(secret: string): Promise<CryptoKey> {
  const raw = new TextEncoder().encode(secret);
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function macInput(organizationId: string, payload: string) {
  return new TextEncoder().encode(`${purpose}\n${organizationId}\n${payload}`);
}

function parseJson(bytes: Uint8Array | null): unknown {
  try {
    return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  } catch {
    return null;
  }
}
