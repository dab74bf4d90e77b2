import { describe, expect, it } from "vitest";
import type { EmailMessage } from "./message.ts";
import { SmtpError, submit } from "./smtp.ts";

const message: EmailMessage = {
  from: "notifications@highlights.example",
  to: "ada@example.com",
  subject: "Ready",
  text: "Hello\n",
  messageId: "<m@highlights.example>",
};

/**
 * One side of a conversation with a scripted server: every command line it receives is logged
 * under `phase`, and answered by `answer` (the message between DATA and "." gets one answer).
 */
function scriptedServer(log: string[], phase: string, answer: (command: string) => string, greeting?: string) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let reply!: ReadableStreamDefaultController<Uint8Array>;
  const readable = new ReadableStream<Uint8Array>({
    start(controller) {
      reply = controller;
      if (greeting) controller.enqueue(encoder.encode(`${greeting}\r\n`));
    },
  });
  let buffered = "";
  let inData = false;
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      buffered += decoder.decode(chunk);
      for (let end = buffered.indexOf("\r\n"); end >= 0; end = buffered.indexOf("\r\n")) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (inData && line !== ".") continue;
        log.push(`${phase} ${inData ? "<message>" : line}`);
        const answered = inData ? "250 queued" : answer(line);
        inData = line === "DATA";
        reply.enqueue(encoder.encode(`${answered}\r\n`));
      }
    },
  });
  return { readable, writable };
}

const submissionServer = (extensions: string) => (command: string) => {
  if (command.startsWith("EHLO")) return `250-smtp.example\r\n${extensions}`;
  if (command === "STARTTLS") return "220 go ahead";
  if (command.startsWith("AUTH")) return "235 ok";
  if (command === "DATA") return "354 go on";
  if (command === "QUIT") return "221 bye";
  return "250 ok";
};

describe("the SMTP dialogue with STARTTLS and AUTH PLAIN", () => {
  it("upgrades before it authenticates, and says EHLO again on the upgraded channel", async () => {
    const log: string[] = [];
    const plain = scriptedServer(log, "plain", submissionServer("250-STARTTLS\r\n250 8BITMIME"), "220 ready");
    const tls = scriptedServer(log, "tls", submissionServer("250 AUTH LOGIN PLAIN"));
    await submit(plain, message, { tls: "starttls", credentials: { user: "apikey", password: "s3cret" } }, () => tls);
    expect(log).toEqual([
      "plain EHLO lecture-highlights",
      "plain STARTTLS",
      "tls EHLO lecture-highlights",
      `tls AUTH PLAIN ${btoa("\0apikey\0s3cret")}`,
      "tls MAIL FROM:<notifications@highlights.example>",
      "tls RCPT TO:<ada@example.com>",
      "tls DATA",
      "tls <message>",
      "tls QUIT",
    ]);
  });

  it("refuses to send credentials to a server that offers no AUTH PLAIN", async () => {
    const log: string[] = [];
    const server = scriptedServer(log, "tls", submissionServer("250 AUTH CRAM-MD5"), "220 ready");
    const failure = await submit(server, message, { tls: "on", credentials: { user: "u", password: "p" } }, () => {
      throw new Error("no upgrade on an implicit TLS connection");
    }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(SmtpError);
    expect(failure).toMatchObject({ step: "AUTH" });
    expect(log.some((line) => line.includes("AUTH"))).toBe(false);
  });

  it("reads a multi-line reply whole and fails on a refused sender with the step's name", async () => {
    const log: string[] = [];
    const server = scriptedServer(
      log,
      "plain",
      (command) => (command.startsWith("MAIL") ? "550-no\r\n550 not you" : submissionServer("250 8BITMIME")(command)),
      "220-hello\r\n220 ready",
    );
    const failure = await submit(server, message, { tls: "off" }, () => server).catch((error: Error) => error);
    expect(failure).toMatchObject({ step: "MAIL", code: 550, message: "SMTP MAIL answered 550" });
  });
});
