import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { uniqueEmail } from "../../test/support/worker/accounts.ts";
import { decodeHeader, failMailTo, mailTo, readMail } from "../../test/support/worker/mail.ts";
import type { EmailMessage } from "./message.ts";
import { formatMessage } from "./mime.ts";
import { SmtpError, SmtpSender, smtpSettings } from "./smtp.ts";

const smtpUrl = (env as unknown as { SMTP_URL: string }).SMTP_URL;

const message = (to: string, overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  from: "notifications@lecture-highlights.local",
  to,
  subject: "Ready",
  text: "Hello,\n.a line that starts with a dot\n",
  messageId: `<test-${crypto.randomUUID()}@lecture-highlights.local>`,
  ...overrides,
});

describe("SMTP settings", () => {
  it("reads plain, STARTTLS and TLS URLs, and sends credentials only over TLS", () => {
    expect(smtpSettings("smtp://127.0.0.1:2525")).toEqual({
      hostname: "127.0.0.1",
      port: 2525,
      tls: "off",
      credentials: undefined,
    });
    expect(smtpSettings("smtp+starttls://api%40key:p%2Fss@smtp.example.com")).toEqual({
      hostname: "smtp.example.com",
      port: 587,
      tls: "starttls",
      credentials: { user: "api@key", password: "p/ss" },
    });
    expect(smtpSettings("smtps://u:p@smtp.example.com").port).toBe(465);
    expect(() => smtpSettings("smtp://u:p@smtp.example.com:25")).toThrow(/only over TLS/);
    expect(() => smtpSettings("http://smtp.example.com")).toThrow(/starting with smtp/);
    expect(() => smtpSettings("not a url with p4ssw0rd")).toThrow(/^((?!p4ssw0rd).)*$/);
  });
});

describe("the message as RFC 5322 text", () => {
  it("encodes a subject that is not plain ASCII, and keeps a name's line breaks out of the headers", () => {
    const text = formatMessage(
      message("ada@example.com", { subject: 'Your highlights of "Über\r\nBcc: eve@example.com" are ready' }),
      new Date("2026-12-03T10:00:00Z"),
    );
    const [head] = text.split("\r\n\r\n");
    const lines = head!.split("\r\n");
    expect(lines.filter((line) => /^bcc:/i.test(line))).toEqual([]);
    const subject = lines.find((line) => line.startsWith("Subject: "))!.slice(9);
    expect(decodeHeader(subject)).toBe('Your highlights of "Über Bcc: eve@example.com" are ready');
    expect(lines).toContain("Date: Thu, 03 Dec 2026 10:00:00 +0000");
    expect(lines).toContain("Content-Type: text/plain; charset=utf-8");
  });

  it("refuses an address that would need quoting or could smuggle a second recipient", () => {
    expect(() => formatMessage(message("ada@example.com>, <eve@example.com"), new Date())).toThrow(/plain email/);
  });
});

describe("the SMTP dialogue, against the local SMTP sink over cloudflare:sockets", () => {
  it("submits a message whose envelope, headers and text arrive as sent", async () => {
    const to = uniqueEmail();
    const sent = message(to, { subject: "Überblick" });
    await new SmtpSender(smtpSettings(smtpUrl)).send(sent);
    const [received, ...more] = await mailTo(to);
    expect(more).toEqual([]);
    expect(received).toMatchObject({ from: sent.from, to: [to] });
    const { headers, text } = readMail(received!);
    expect(decodeHeader(headers.subject!)).toBe("Überblick");
    expect(headers["message-id"]).toBe(sent.messageId);
    expect(text).toBe("Hello,\r\n.a line that starts with a dot\r\n");
  });

  it("fails with the step and the code, and no address, when the server refuses", async () => {
    const to = uniqueEmail();
    await failMailTo(to, 1, 451);
    const failure = await new SmtpSender(smtpSettings(smtpUrl)).send(message(to)).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(SmtpError);
    expect(failure).toMatchObject({ step: "RCPT", code: 451, message: "SMTP RCPT answered 451" });
    await new SmtpSender(smtpSettings(smtpUrl)).send(message(to));
    expect(await mailTo(to)).toHaveLength(1);
  });

  it("fails as 'no reply' when nothing listens", async () => {
    const failure = await new SmtpSender(smtpSettings("smtp://127.0.0.1:9"))
      .send(message(uniqueEmail()))
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
  });
});
