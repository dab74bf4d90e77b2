import { once } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import type { StackPart } from "./stack-part.ts";

/** One message the sink accepted, as the client sent it (headers and body, dot-stuffing undone). */
export type SunkMail = { from: string; to: string[]; data: string; at: string };

/**
 * The local stack's SMTP server, which keeps what it is sent (the Worker's job emails, locally
 * and in the tests) instead of passing it on: it speaks
 * the part of RFC 5321 a submitting client uses (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
 * with no TLS and no authentication. Written here rather than taken from `smtp-server` because
 * this much fits in a page and the tests need a control API beside it anyway.
 *
 * It is a part of the local stack rather than a test helper because `npm start` sends job
 * emails too: each message is also written to `<data folder>/mail/` as an `.eml` file to open.
 *
 * Control API (HTTP, 1000 above the SMTP port):
 * - `GET /mail/<address>`: `{ received: SunkMail[] }`, every message with that recipient.
 * - `PUT /mail/<address>` `{ failures: n, code?: 451 }`: the next n RCPTs of that address are
 *   answered `code` (a provider that fails for a while).
 */
export class SmtpSink implements StackPart {
  private readonly mail: SunkMail[] = [];
  private readonly failures = new Map<string, { left: number; code: number }>();
  private smtp?: Server;
  private http?: HttpServer;

  constructor(
    readonly smtpPort: number,
    private readonly mailDir: string,
  ) {}

  get httpPort(): number {
    return this.smtpPort + 1000;
  }

  get running(): boolean {
    return this.smtp?.listening ?? false;
  }

  get controlUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  private session(socket: Socket): void {
    let envelope: { from: string; to: string[] } | null = null;
    let data: string[] | null = null;
    let buffered = "";
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const command = (line: string) => {
      if (data) {
        if (line !== ".") return void data.push(line.startsWith(".") ? line.slice(1) : line);
        const mail = { ...envelope!, data: data.join("\r\n"), at: new Date().toISOString() };
        this.mail.push(mail);
        writeFileSync(join(this.mailDir, `${mail.at.replace(/[:.]/g, "-")}-${this.mail.length}.eml`), mail.data);
        data = null;
        envelope = null;
        return reply("250 2.0.0 queued");
      }
      const verb = line.slice(0, 4).toUpperCase();
      const path = /<([^>]*)>/.exec(line)?.[1]?.toLowerCase() ?? "";
      if (verb === "EHLO") return reply("250-smtp-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
      if (verb === "HELO") return reply("250 smtp-sink");
      if (verb === "MAIL") {
        envelope = { from: path, to: [] };
        return reply("250 2.1.0 ok");
      }
      if (verb === "RCPT") {
        if (!envelope) return reply("503 5.5.1 MAIL first");
        const failing = this.failures.get(path);
        if (failing && failing.left > 0) {
          failing.left--;
          return reply(`${failing.code} 4.3.0 try again later`);
        }
        envelope.to.push(path);
        return reply("250 2.1.5 ok");
      }
      if (verb === "DATA") {
        if (!envelope?.to.length) return reply("503 5.5.1 RCPT first");
        data = [];
        return reply("354 end with <CRLF>.<CRLF>");
      }
      if (verb === "RSET") {
        envelope = null;
        return reply("250 2.0.0 ok");
      }
      if (verb === "NOOP") return reply("250 2.0.0 ok");
      if (verb === "QUIT") {
        reply("221 2.0.0 bye");
        return void socket.end();
      }
      reply("502 5.5.2 not implemented");
    };
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffered += chunk;
      let end = buffered.indexOf("\r\n");
      while (end >= 0) {
        command(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf("\r\n");
      }
    });
    socket.on("error", () => socket.destroy());
    reply("220 smtp-sink ESMTP");
  }

  async start(): Promise<void> {
    mkdirSync(this.mailDir, { recursive: true });
    this.smtp = createServer((socket) => this.session(socket));
    this.smtp.listen(this.smtpPort, "127.0.0.1");
    this.http = createHttpServer(async (request, response) => {
      const address = decodeURIComponent((request.url ?? "").replace(/^\/mail\//, "")).toLowerCase();
      if (request.method === "PUT") {
        let body = "";
        for await (const chunk of request) body += chunk;
        const { failures = 0, code = 451 } = JSON.parse(body || "{}") as { failures?: number; code?: number };
        this.failures.set(address, { left: failures, code });
      }
      const received = this.mail.filter((mail) => mail.to.includes(address));
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ received }));
    });
    this.http.listen(this.httpPort, "127.0.0.1");
    await Promise.all([once(this.smtp, "listening"), once(this.http, "listening")]);
  }

  async stop(): Promise<void> {
    this.http?.closeAllConnections();
    await Promise.all([
      new Promise((resolve) => (this.smtp ? this.smtp.close(resolve) : resolve(null))),
      new Promise((resolve) => (this.http ? this.http.close(resolve) : resolve(null))),
    ]);
  }
}
