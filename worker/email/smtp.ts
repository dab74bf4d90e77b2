import { connect } from "cloudflare:sockets";
import type { EmailMessage, EmailSender } from "./message.ts";
import { formatMessage, plainAddress } from "./mime.ts";

/** What a server must answer within, per step: a stuck server fails the attempt, which is retried. */
const REPLY_TIMEOUT_MS = 30_000;

/**
 * A refusal or a broken conversation. The message names the step and the reply code only: a
 * server's text may quote the addresses, and logs carry ids, not addresses.
 */
export class SmtpError extends Error {
  constructor(
    readonly step: string,
    readonly code: number | null,
  ) {
    super(code === null ? `SMTP ${step}: no reply` : `SMTP ${step} answered ${code}`);
    this.name = "SmtpError";
  }
}

/**
 * Where to submit, from `SMTP_URL`: `smtp://host:port` (plain, the local sink),
 * `smtp+starttls://user:password@host:587` (submission, upgraded with STARTTLS) or
 * `smtps://user:password@host:465` (TLS from the start). Credentials go out with AUTH PLAIN,
 * only over TLS.
 */
export type SmtpSettings = {
  hostname: string;
  port: number;
  tls: "off" | "starttls" | "on";
  credentials?: { user: string; password: string };
};

const schemes: Record<string, SmtpSettings["tls"]> = { "smtp:": "off", "smtp+starttls:": "starttls", "smtps:": "on" };

/**
 * @example
 * smtpSettings("smtp+starttls://apikey:secret@smtp.example.com:587");
 * // { hostname: "smtp.example.com", port: 587, tls: "starttls", credentials: { user: "apikey", password: "secret" } }
 */
export function smtpSettings(url: string): SmtpSettings {
  // URL's own error quotes the input, and this one holds a password: it must not reach a log.
  const parsed = URL.canParse(url) ? new URL(url) : null;
  const tls = parsed && schemes[parsed.protocol];
  if (!parsed || !tls) throw new Error("SMTP_URL must be a URL starting with smtp://, smtp+starttls:// or smtps://");
  const user = decodeURIComponent(parsed.username);
  if (user && tls === "off") throw new Error("SMTP_URL sends credentials only over TLS (smtp+starttls:// or smtps://)");
  return {
    hostname: parsed.hostname,
    port: Number(parsed.port) || (tls === "on" ? 465 : 587),
    tls,
    credentials: user ? { user, password: decodeURIComponent(parsed.password) } : undefined,
  };
}

/** A connection's reading and writing ends; a `cloudflare:sockets` Socket is one. */
type Channel = { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> };

/** One SMTP conversation over a channel: reads replies (multi-line ones whole) and sends commands. */
class Conversation {
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private writer: WritableStreamDefaultWriter<Uint8Array>;
  private buffered = "";
  private readonly decoder = new TextDecoder();
  private readonly encoder = new TextEncoder();

  constructor(channel: Channel) {
    this.reader = channel.readable.getReader();
    this.writer = channel.writable.getWriter();
  }

  /** Lets go of the channel (before STARTTLS replaces it). */
  release(): void {
    this.reader.releaseLock();
    this.writer.releaseLock();
  }

  private async line(step: string): Promise<string> {
    let end = this.buffered.indexOf("\r\n");
    while (end < 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SmtpError(step, null)), REPLY_TIMEOUT_MS);
      });
      const { value, done } = await Promise.race([this.reader.read(), timeout]).finally(() => clearTimeout(timer));
      if (done) throw new SmtpError(step, null);
      this.buffered += this.decoder.decode(value, { stream: true });
      end = this.buffered.indexOf("\r\n");
    }
    const line = this.buffered.slice(0, end);
    this.buffered = this.buffered.slice(end + 2);
    return line;
  }

  /** Reads one reply and checks its code against what the step expects; returns its lines' text. */
  async expect(step: string, ...codes: number[]): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.line(step);
      lines.push(line.slice(4));
      if (line[3] !== "-") {
        const code = Number(line.slice(0, 3));
        if (!codes.includes(code)) throw new SmtpError(step, Number.isInteger(code) ? code : null);
        return lines;
      }
    }
  }

  async send(text: string): Promise<void> {
    await this.writer.write(this.encoder.encode(`${text}\r\n`));
  }

  async command(step: string, text: string, ...codes: number[]): Promise<string[]> {
    await this.send(text);
    return this.expect(step, ...codes);
  }
}

/**
 * Submits one message over an open channel, from the greeting to QUIT. `upgrade` swaps the
 * channel for its TLS form after STARTTLS. Exported for the dialogue's tests.
 *
 * @example
 * await submit(connect(address), message, settings, () => socket.startTls());
 */
export async function submit(
  channel: Channel,
  message: EmailMessage,
  settings: Pick<SmtpSettings, "tls" | "credentials">,
  upgrade: () => Channel,
  now = new Date(),
): Promise<void> {
  let smtp = new Conversation(channel);
  await smtp.expect("greeting", 220);
  let extensions = await smtp.command("EHLO", "EHLO lecture-highlights", 250);
  if (settings.tls === "starttls") {
    await smtp.command("STARTTLS", "STARTTLS", 220);
    smtp.release();
    smtp = new Conversation(upgrade());
    extensions = await smtp.command("EHLO", "EHLO lecture-highlights", 250);
  }
  if (settings.credentials) {
    if (!extensions.some((line) => /^AUTH\b.*\bPLAIN\b/i.test(line))) throw new SmtpError("AUTH", null);
    const { user, password } = settings.credentials;
    await smtp.command("AUTH", `AUTH PLAIN ${btoa(`\0${user}\0${password}`)}`, 235);
  }
  await smtp.command("MAIL", `MAIL FROM:<${plainAddress(message.from)}>`, 250);
  await smtp.command("RCPT", `RCPT TO:<${plainAddress(message.to)}>`, 250, 251);
  await smtp.command("DATA", "DATA", 354);
  // formatMessage's body is base64, so no line starts with a dot: nothing needs dot-stuffing.
  await smtp.command("message", `${formatMessage(message, now)}\r\n.`, 250);
  await smtp.command("QUIT", "QUIT", 221).catch(() => undefined);
}

/**
 * Sends each message over its own TCP connection (`connect()` from `cloudflare:sockets`).
 * Production submits on 587 (STARTTLS) or 465 (TLS), as providers expect: port 25 is for relay
 * between servers, and Workers are said to be refused it (docs/notifications.md).
 *
 * @example
 * await new SmtpSender(smtpSettings(env.SMTP_URL)).send(message);
 */
export class SmtpSender implements EmailSender {
  constructor(private readonly settings: SmtpSettings) {}

  async send(message: EmailMessage): Promise<void> {
    const { hostname, port, tls } = this.settings;
    const socket = connect({ hostname, port }, { secureTransport: tls, allowHalfOpen: false });
    let current = socket;
    try {
      await submit(socket, message, this.settings, () => {
        current = socket.startTls();
        return current;
      });
    } finally {
      await current.close().catch(() => undefined);
    }
  }
}
