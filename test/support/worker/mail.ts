import { env } from "cloudflare:test";
import type { SunkMail } from "../../../infra/local/smtp-sink.ts";

const sinkBase = () => {
  const url = (env as unknown as { SMTP_TEST_SINK_URL?: string }).SMTP_TEST_SINK_URL;
  if (!url) throw new Error("SMTP_TEST_SINK_URL is unset: run the tests with npm test");
  return url;
};

/** Every message the test SMTP sink accepted for `address`, oldest first. */
export async function mailTo(address: string): Promise<SunkMail[]> {
  const response = await fetch(`${sinkBase()}/mail/${encodeURIComponent(address)}`);
  return ((await response.json()) as { received: SunkMail[] }).received;
}

/** Has the sink answer the next `failures` RCPTs to `address` with `code` (a provider failing for a while). */
export async function failMailTo(address: string, failures: number, code = 451): Promise<void> {
  await fetch(`${sinkBase()}/mail/${encodeURIComponent(address)}`, {
    method: "PUT",
    body: JSON.stringify({ failures, code }),
  });
}

/**
 * A sunk message's headers (names lower-cased) and its text, the base64 body decoded: read the
 * way a mail client reads it, not the way our code wrote it.
 */
export function readMail(mail: SunkMail): { headers: Record<string, string>; text: string } {
  const [head = "", body = ""] = mail.data.split("\r\n\r\n", 2);
  const headers = Object.fromEntries(
    head.split("\r\n").map((line) => {
      const colon = line.indexOf(":");
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const bytes = Uint8Array.from(atob(body.replace(/\r\n/g, "")), (c) => c.charCodeAt(0));
  return { headers, text: new TextDecoder().decode(bytes) };
}

/** An RFC 2047 `=?UTF-8?B?…?=` header decoded, or the header as it is. */
export function decodeHeader(value: string): string {
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(value)?.[1];
  if (!encoded) return value;
  return new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
}
