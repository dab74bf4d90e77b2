import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ProgressMessage } from "../../../agents/contracts/progress.ts";
import { apiBase, authHeaders, postJson, registerUser } from "../../../test/support/worker/accounts.ts";
import { eventually, insertJob, reportEvent } from "../../../test/support/worker/jobs.ts";

type Connection = { response: Response; messages: ProgressMessage[]; socket: WebSocket };

async function connect(jobId: string, options: { ticket?: string; token?: string }): Promise<Connection> {
  const query = options.ticket ? `?ticket=${options.ticket}` : "";
  const headers: Record<string, string> = { upgrade: "websocket" };
  if (options.token) headers["sec-websocket-protocol"] = `lecture-highlights.v1, bearer.${options.token}`;
  const response = await SELF.fetch(`${apiBase}/v1/jobs/${jobId}/events${query}`, { headers });
  const messages: ProgressMessage[] = [];
  const socket = response.webSocket!;
  if (socket) {
    socket.addEventListener("message", (event) => messages.push(JSON.parse(event.data as string)));
    socket.accept();
  }
  return { response, messages, socket };
}

const at = () => new Date().toISOString();

describe("GET /v1/jobs/:id/events", () => {
  it("admits a browser with a single-use ticket and greets it with a snapshot", async () => {
    const user = await registerUser();
    const job = await insertJob({ userId: user.userId, status: "processing" });
    await reportEvent({ jobId: job.id, attempt: 1, seq: 0, at: at(), type: "progress", stage: "probe", progress: 0.5 });
    const { ticket } = await postJson<{ ticket: string }>(
      `/v1/jobs/${job.id}/events/ticket`,
      {},
      200,
      user.accessToken,
    );
    const first = await connect(job.id, { ticket });
    expect(first.response.status).toBe(101);
    const [greeting] = await eventually(
      async () => first.messages,
      (m) => m.length > 0,
    );
    expect(greeting).toMatchObject({
      type: "snapshot",
      jobId: job.id,
      snapshot: { status: "processing", stage: "probe" },
    });
    const reused = await connect(job.id, { ticket });
    expect(reused.response.status).toBe(401);
    expect(await reused.response.json()).toMatchObject({ code: "unauthorized" });
    first.socket.close(1000);
  });

  it("sends every subscriber the same ordered messages, from the reports to completion", async () => {
    const user = await registerUser();
    const job = await insertJob({ userId: user.userId, status: "processing" });
    const subscribers = await Promise.all([
      connect(job.id, { token: user.accessToken }),
      connect(job.id, { token: user.accessToken }),
    ]);
    for (const { response } of subscribers) {
      expect(response.status).toBe(101);
      expect(response.headers.get("sec-websocket-protocol")).toBe("lecture-highlights.v1");
    }
    await reportEvent({ jobId: job.id, attempt: 1, seq: 0, at: at(), type: "progress", stage: "probe", progress: 0.5 });
    await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 1,
      at: at(),
      type: "stage",
      stage: "probe",
      status: "completed",
      checkpointKey: "k",
      durationMs: 5,
    });
    await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 2,
      at: at(),
      type: "failed",
      code: "input_no_audio",
      message: "no audio",
      retryable: false,
    });
    const received = await Promise.all(
      subscribers.map(({ messages }) =>
        eventually(
          async () => messages,
          (m) => m.at(-1)?.type === "failed",
        ),
      ),
    );
    const kinds = received.map((messages) => messages.filter((m) => m.type !== "snapshot").map((m) => [m.type, m.seq]));
    expect(kinds[0]).toEqual([
      ["progress", 1],
      ["stage", 2],
      ["failed", 3],
    ]);
    expect(kinds[1]).toEqual(kinds[0]);
    for (const { socket } of subscribers) socket.close(1000);
  });

  it("greets with the job row's snapshot even when nothing was ever published to the room", async () => {
    const user = await registerUser();
    const job = await insertJob({ userId: user.userId, status: "processing", progress: 0.25 });
    const subscriber = await connect(job.id, { token: user.accessToken });
    const [greeting] = await eventually(
      async () => subscriber.messages,
      (m) => m.length > 0,
    );
    expect(greeting).toMatchObject({
      type: "snapshot",
      jobId: job.id,
      seq: 0,
      snapshot: { status: "processing", progress: 0.25 },
    });
    subscriber.socket.close(1000);
  });

  it("refuses a connection without credentials, and a plain HTTP request", async () => {
    const user = await registerUser();
    const job = await insertJob({ userId: user.userId });
    expect((await connect(job.id, {})).response.status).toBe(401);
    const plain = await SELF.fetch(`${apiBase}/v1/jobs/${job.id}/events`, { headers: authHeaders(user.accessToken) });
    expect(plain.status).toBe(426);
  });
});
