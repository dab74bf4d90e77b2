import type { EmailMessage } from "./message.ts";

const utf8 = new TextEncoder();

function base64(text: string): string {
  let binary = "";
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A header value on one line: RFC 2047 base64 for anything but plain printable ASCII. */
function headerText(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${base64(oneLine)}?=`;
}

/** An address header holds the bare address only: a display name would need quoting rules for nothing. */
export function plainAddress(value: string): string {
  if (!/^[^\s<>@,;"]+@[^\s<>@,;"]+$/.test(value)) throw new Error("not a plain email address");
  return value;
}

/**
 * The message as RFC 5322 text with CRLF line ends: UTF-8 plain text in base64 (lines of 76),
 * so no body line can begin with a dot or run too long, whatever the lecture's name holds.
 *
 * @example
 * formatMessage({ from, to, subject: "Ready", text: "…", messageId: "<a@b>" }, new Date());
 */
export function formatMessage(message: EmailMessage, date: Date): string {
  const body = base64(message.text.replace(/\r?\n/g, "\r\n")).replace(/.{76}/g, "$&\r\n");
  return [
    `From: ${plainAddress(message.from)}`,
    `To: ${plainAddress(message.to)}`,
    `Subject: ${headerText(message.subject)}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    `Message-ID: ${message.messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "Auto-Submitted: auto-generated",
    "",
    body,
  ].join("\r\n");
}
