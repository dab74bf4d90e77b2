import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { WebSocketServer } from "ws";

/**
 * The Neon serverless driver speaks the Postgres protocol over a WebSocket. In production
 * Neon's proxy answers; locally this bridge forwards each socket's binary frames to a TCP
 * address. Only the addresses in `allowed` can be reached, so it is not an open relay.
 */
export class NeonWebSocketBridge {
  private server: Server | null = null;
  private readonly sockets = new Set<import("ws").WebSocket>();

  constructor(
    private readonly port: number,
    private readonly allowed: ReadonlySet<string>,
  ) {}

  async start(): Promise<void> {
    const server = createServer((_req, res) => res.writeHead(426).end("WebSocket only\n"));
    const wss = new WebSocketServer({ server });
    wss.on("connection", (ws, req) => {
      const address = new URL(req.url ?? "/", "http://bridge").searchParams.get("address") ?? "";
      if (!this.allowed.has(address)) {
        ws.close(1008, "address not allowed");
        return;
      }
      this.sockets.add(ws);
      const [host, port] = address.split(":");
      const tcp = connect({ host, port: Number(port) });
      const pending: Buffer[] = [];
      tcp.on("connect", () => {
        for (const chunk of pending.splice(0)) tcp.write(chunk);
      });
      ws.on("message", (data: Buffer) => (tcp.readyState === "open" ? tcp.write(data) : pending.push(data)));
      tcp.on("data", (data) => ws.readyState === ws.OPEN && ws.send(data));
      const closeBoth = () => {
        this.sockets.delete(ws);
        tcp.destroy();
        if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
      };
      tcp.on("close", closeBoth);
      tcp.on("error", closeBoth);
      ws.on("close", closeBoth);
      ws.on("error", closeBoth);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  get running(): boolean {
    return this.server?.listening ?? false;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const ws of this.sockets) ws.terminate();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
