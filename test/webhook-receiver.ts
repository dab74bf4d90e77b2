import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import type { ReceivedWebhook, ReceiverBehaviour } from "./webhook-receiver-types.ts";

/**
 * A real webhook destination for the Worker tests (a workerd test cannot listen on a port).
 * Every request to `/hooks/<name>` is verified with the `standardwebhooks` package, an
 * implementation independent of ours, against each secret configured for that name.
 *
 * Control API, used by the tests:
 * - `PUT /paths/<name>` `{ secrets?, statuses?, redirectTo?, delayMs?, headers? }`: how
 *   `/hooks/<name>` (and anything below it, such as `/hooks/<name>/jobs`) behaves. `statuses` are answered in turn, the last one repeating (default 200); with
 *   secrets, a request no secret verifies is answered 400 whatever `statuses` say.
 * - `GET /paths/<name>`: `{ received: [...] }`, every request with its headers, body, status
 *   and which of the secrets verified it.
 */

type Path = { behaviour: ReceiverBehaviour; received: ReceivedWebhook[] };

const MAX_BODY_BYTES = 256 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function verifiedBy(secrets: string[], body: string, request: IncomingMessage): boolean[] {
  const headers = {
    "webhook-id": String(request.headers["webhook-id"] ?? ""),
    "webhook-timestamp": String(request.headers["webhook-timestamp"] ?? ""),
    "webhook-signature": String(request.headers["webhook-signature"] ?? ""),
  };
  return secrets.map((secret) => {
    try {
      new Webhook(secret).verify(body, headers);
      return true;
    } catch {
      return false;
    }
  });
}

const json = (response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(value));
};

export class WebhookReceiver {
  private readonly paths = new Map<string, Path>();
  private server?: Server;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private path(name: string): Path {
    let path = this.paths.get(name);
    if (!path) {
      path = { behaviour: { secrets: [], statuses: [], delayMs: 0 }, received: [] };
      this.paths.set(name, path);
    }
    return path;
  }

  private async receive(name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { behaviour, received } = this.path(name);
    const body = await readBody(request);
    const verified = verifiedBy(behaviour.secrets, body, request);
    const rejected = behaviour.secrets.length > 0 && !verified.includes(true);
    const status = rejected
      ? 400
      : ((behaviour.statuses.length > 1 ? behaviour.statuses.shift() : behaviour.statuses[0]) ?? 200);
    received.push({
      path: (request.url ?? "").split("?")[0]!,
      id: request.headers["webhook-id"]?.toString() ?? null,
      timestamp: request.headers["webhook-timestamp"]?.toString() ?? null,
      signature: request.headers["webhook-signature"]?.toString() ?? null,
      body,
      verifiedBy: verified,
      status: behaviour.redirectTo && !rejected ? 302 : status,
      at: new Date().toISOString(),
    });
    if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour.redirectTo && !rejected) {
      response.writeHead(302, { location: behaviour.redirectTo }).end();
      return;
    }
    json(response, status, rejected ? { error: "signature did not verify" } : { ok: status < 300 }, behaviour.headers);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, kind, name] = (request.url ?? "").split("?")[0]!.split("/");
    if (!name) return json(response, 404, { error: "unknown path" });
    if (kind === "hooks") return this.receive(name, request, response);
    if (kind === "paths" && request.method === "PUT") {
      const config = JSON.parse((await readBody(request)) || "{}") as Partial<ReceiverBehaviour>;
      this.path(name).behaviour = { secrets: [], statuses: [], delayMs: 0, ...config };
      return json(response, 200, this.path(name).behaviour);
    }
    if (kind === "paths" && request.method === "GET")
      return json(response, 200, { received: this.path(name).received });
    json(response, 404, { error: "unknown path" });
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: Error) => json(response, 500, { error: error.message }));
    });
    this.server.listen(this.port, "127.0.0.1");
    await once(this.server, "listening");
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
