import { DurableObject } from "cloudflare:workers";
import type { JobSnapshot, ProgressMessage, ProgressPayload } from "../../agents/contracts/progress.ts";
import type { Env } from "../env.ts";

/**
 * One room per job, fanning progress out to every subscriber's WebSocket. It uses the
 * hibernation API: sockets are owned by the runtime, so an idle room costs nothing and the
 * object may be evicted between events. The constructor runs again after hibernation, which is
 * why all state (the snapshot and the last `seq`) lives in storage, never in fields.
 */
export class JobRoom extends DurableObject<Env> {
  /** Accepts an already-authorized subscriber (the Worker checked the caller and ownership). */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const { 0: client, 1: server } = new WebSocketPair();
    const protocol = request.headers.get("sec-websocket-protocol")?.split(",")[0]?.trim();
    this.ctx.acceptWebSocket(server);
    const snapshot = await this.snapshotMessage(new URL(request.url).searchParams.get("jobId") ?? "");
    if (snapshot) server.send(JSON.stringify(snapshot));
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: protocol ? { "sec-websocket-protocol": protocol } : {},
    });
  }

  /**
   * Records and broadcasts one message. The room numbers messages itself so `seq` rises by one
   * per message whatever order or number of Worker isolates published them.
   */
  async publish(jobId: string, message: ProgressPayload): Promise<ProgressMessage> {
    const seq = ((await this.ctx.storage.get<number>("seq")) ?? 0) + 1;
    const full = { ...message, jobId, seq, at: new Date().toISOString() } as ProgressMessage;
    await this.ctx.storage.put({ seq, ...(full.type === "snapshot" ? { snapshot: full.snapshot } : {}) });
    if (full.type !== "snapshot") {
      const text = JSON.stringify(full);
      for (const socket of this.ctx.getWebSockets()) {
        try {
          socket.send(text);
        } catch {
          // A socket closing at this instant is not the other subscribers' problem.
        }
      }
    }
    return full;
  }

  subscriberCount(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") socket.send("pong");
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 means "no code given"; sending it back throws, so answer with a normal closure.
    socket.close(code === 1005 ? 1000 : code, reason);
  }

  private async snapshotMessage(jobId: string): Promise<ProgressMessage | null> {
    const [seq, snapshot] = await Promise.all([
      this.ctx.storage.get<number>("seq"),
      this.ctx.storage.get<JobSnapshot>("snapshot"),
    ]);
    if (!snapshot) return null;
    return { type: "snapshot", snapshot, jobId, seq: seq ?? 0, at: new Date().toISOString() };
  }
}
