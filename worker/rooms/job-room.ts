import { DurableObject } from "cloudflare:workers";
import type { JobSnapshot, ProgressMessage, ProgressPayload } from "../../agents/contracts/progress.ts";
import { randomSecret, sha256Hex } from "../auth/secrets.ts";

/** At most one progress message per this many milliseconds reaches subscribers (about 10/s). */
export const PROGRESS_INTERVAL_MS = 100;
/** A WebSocket ticket lets one connection in, within this time of being issued. */
export const TICKET_TTL_MS = 60_000;

/** Headers only the Worker sets when it forwards a subscriber (the room is not reachable otherwise). */
export const subscriberHeaders = {
  ticket: "x-lh-ticket",
  authorized: "x-lh-authorized",
  protocol: "x-lh-protocol",
  /** The job row's snapshot as the Worker read it, for a room that has never been published to. */
  snapshot: "x-lh-snapshot",
} as const;

type RoomState = { jobId: string; seq: number; lastProgressAt: number };

/**
 * One room per job, fanning progress out to every subscriber's WebSocket. It uses the
 * hibernation API: the runtime owns the sockets, so an idle room costs nothing and the object
 * may be evicted between events. The constructor runs again after hibernation, which is why
 * all state (snapshot, last `seq`, a pending progress message) lives in storage, not fields.
 * The room reads no binding, so it does not name `Env`: env.ts names this class, and an
 * import back would be a cycle.
 */
export class JobRoom extends DurableObject {
  /**
   * Accepts a subscriber: either one the Worker authenticated and checked ownership for, or one
   * presenting a ticket this room issued (browsers cannot send headers with a WebSocket).
   */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return new Response("expected a WebSocket upgrade", { status: 426 });
    }
    const ticket = request.headers.get(subscriberHeaders.ticket);
    const admitted = ticket
      ? await this.consumeTicket(ticket)
      : request.headers.get(subscriberHeaders.authorized) === "true";
    if (!admitted) return new Response("ticket invalid, expired or used", { status: 401 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    // Every subscriber is greeted with a snapshot: the room's own when it has one (it is at
    // least as new as the row), else the row's as the Worker read it.
    const [state, stored] = await Promise.all([this.state(), this.ctx.storage.get<JobSnapshot>("snapshot")]);
    const fromRow = JSON.parse(request.headers.get(subscriberHeaders.snapshot) ?? "null") as {
      jobId: string;
      snapshot: JobSnapshot;
    } | null;
    const snapshot = stored ?? fromRow?.snapshot;
    const jobId = state?.jobId ?? fromRow?.jobId;
    if (snapshot && jobId) {
      const message: ProgressMessage = {
        type: "snapshot",
        snapshot,
        jobId,
        seq: state?.seq ?? 0,
        at: new Date().toISOString(),
      };
      server.send(JSON.stringify(message));
    }
    const protocol = request.headers.get(subscriberHeaders.protocol);
    return new Response(null, {
      status: 101,
      webSocket: client,
      headers: protocol ? { "sec-websocket-protocol": protocol } : {},
    });
  }

  /**
   * Stores the job's latest snapshot and broadcasts `message`. The room numbers messages, so
   * `seq` rises by one per delivered message whichever Worker isolate published it. Progress
   * arriving faster than PROGRESS_INTERVAL_MS is coalesced: only the newest is sent, by alarm.
   */
  async publish(jobId: string, snapshot: JobSnapshot, message?: ProgressPayload): Promise<void> {
    await this.ctx.storage.put("snapshot", snapshot);
    const state = (await this.state()) ?? { jobId, seq: 0, lastProgressAt: 0 };
    if (!message) {
      await this.ctx.storage.put("state", state);
      return;
    }
    if (message.type === "progress") {
      const wait = state.lastProgressAt + PROGRESS_INTERVAL_MS - Date.now();
      if (wait > 0) {
        await this.ctx.storage.put("pending", message);
        if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + wait);
        return;
      }
    } else {
      // A stage change or the end supersedes any progress still waiting.
      await this.ctx.storage.delete("pending");
    }
    await this.broadcast(state, message);
  }

  override async alarm(): Promise<void> {
    const [state, pending] = await Promise.all([this.state(), this.ctx.storage.get<ProgressPayload>("pending")]);
    if (!state || !pending) return;
    await this.ctx.storage.delete("pending");
    await this.broadcast(state, pending);
  }

  /** A single-use ticket for one WebSocket connection to this job, valid for TICKET_TTL_MS. */
  async issueTicket(): Promise<string> {
    const now = Date.now();
    const stale = await this.ctx.storage.list<number>({ prefix: "ticket:" });
    await this.ctx.storage.delete([...stale].filter(([, expiresAt]) => expiresAt < now).map(([key]) => key));
    const ticket = randomSecret();
    await this.ctx.storage.put(`ticket:${await sha256Hex(ticket)}`, now + TICKET_TTL_MS);
    return ticket;
  }

  subscriberCount(): number {
    return this.ctx.getWebSockets().length;
  }

  override async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    if (message === "ping") socket.send("pong");
  }

  override async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    // 1005 means "no code given"; echoing it back throws, so answer with a normal closure.
    socket.close(code === 1005 ? 1000 : code, reason);
  }

  private async consumeTicket(ticket: string): Promise<boolean> {
    const key = `ticket:${await sha256Hex(ticket)}`;
    const expiresAt = await this.ctx.storage.get<number>(key);
    if (expiresAt === undefined) return false;
    await this.ctx.storage.delete(key);
    return expiresAt >= Date.now();
  }

  private state(): Promise<RoomState | undefined> {
    return this.ctx.storage.get<RoomState>("state");
  }

  private async broadcast(state: RoomState, message: ProgressPayload): Promise<void> {
    const next: RoomState = {
      jobId: state.jobId,
      seq: state.seq + 1,
      lastProgressAt: message.type === "progress" ? Date.now() : state.lastProgressAt,
    };
    await this.ctx.storage.put("state", next);
    const text = JSON.stringify({ ...message, jobId: next.jobId, seq: next.seq, at: new Date().toISOString() });
    for (const socket of this.ctx.getWebSockets()) {
      try {
        socket.send(text);
      } catch {
        // A socket closing at this instant is not the other subscribers' problem.
      }
    }
  }
}
