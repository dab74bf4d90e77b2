import { env, evictDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { JobSnapshot, ProgressMessage } from "../../agents/contracts/progress.ts";
import { eventually } from "../../test/support/worker/jobs.ts";
import { jobRoom } from "../jobs/publish-job-update.ts";
import { subscriberHeaders } from "./job-room.ts";

const snapshot = (progress: number): JobSnapshot => ({
  status: "processing",
  stage: "probe",
  progress,
  stages: {},
  attempt: 1,
  error: null,
});

async function subscribe(jobId: string): Promise<{ socket: WebSocket; messages: ProgressMessage[] }> {
  const response = await jobRoom(env, jobId).fetch("http://room/", {
    headers: { upgrade: "websocket", [subscriberHeaders.authorized]: "true" },
  });
  const socket = response.webSocket!;
  const messages: ProgressMessage[] = [];
  socket.addEventListener("message", (event) => messages.push(JSON.parse(event.data as string)));
  socket.accept();
  return { socket, messages };
}

const settle = <T>(value: () => T[], count: number) =>
  eventually(
    async () => value(),
    (list) => list.length >= count,
    5_000,
  );

describe("JobRoom", () => {
  it("delivers the same messages in the same order to every subscriber, seq rising by one", async () => {
    const jobId = crypto.randomUUID();
    const room = jobRoom(env, jobId);
    await room.publish(jobId, snapshot(0));
    const subscribers = await Promise.all([subscribe(jobId), subscribe(jobId), subscribe(jobId)]);
    await room.publish(jobId, snapshot(0.02), { type: "stage", stage: "probe", status: "completed" });
    await room.publish(jobId, snapshot(0.5), {
      type: "progress",
      stage: "transcription",
      stageProgress: 0.5,
      progress: 0.5,
    });
    await room.publish(jobId, snapshot(1), { type: "completed", resultsUrl: `/v1/jobs/${jobId}/results` });
    for (const { messages } of subscribers) await settle(() => messages, 4);
    const [first, ...others] = subscribers.map(({ messages }) => messages.map((m) => [m.type, m.seq]));
    expect(first).toEqual([
      ["snapshot", 0],
      ["stage", 1],
      ["progress", 2],
      ["completed", 3],
    ]);
    for (const other of others) expect(other).toEqual(first);
    for (const { socket } of subscribers) socket.close(1000);
  });

  it("greets a late subscriber with the current snapshot and seq", async () => {
    const jobId = crypto.randomUUID();
    const room = jobRoom(env, jobId);
    await room.publish(jobId, snapshot(0.1), { type: "stage", stage: "probe", status: "completed" });
    await room.publish(jobId, snapshot(0.3), { type: "stage", stage: "audio", status: "completed" });
    const late = await subscribe(jobId);
    const [greeting] = await settle(() => late.messages, 1);
    expect(greeting).toMatchObject({ type: "snapshot", jobId, seq: 2, snapshot: { progress: 0.3 } });
  });

  it("coalesces a burst of progress to at most one message per interval, keeping the newest", async () => {
    const jobId = crypto.randomUUID();
    const room = jobRoom(env, jobId);
    await room.publish(jobId, snapshot(0));
    const subscriber = await subscribe(jobId);
    for (let i = 1; i <= 40; i++) {
      await room.publish(jobId, snapshot(i / 40), {
        type: "progress",
        stage: "audio",
        stageProgress: i / 40,
        progress: i / 40,
      });
    }
    const messages = await eventually(
      async () => subscriber.messages,
      (list) => list.at(-1)?.type === "progress" && (list.at(-1) as { stageProgress: number }).stageProgress === 1,
      5_000,
    );
    const progress = messages.filter((m) => m.type === "progress");
    expect(progress.length).toBeLessThan(40);
    expect(progress.at(-1)).toMatchObject({ stageProgress: 1 });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
  });

  it("keeps its subscribers across hibernation", async () => {
    const jobId = crypto.randomUUID();
    const room = jobRoom(env, jobId);
    await room.publish(jobId, snapshot(0));
    const subscriber = await subscribe(jobId);
    await evictDurableObject(room, { webSockets: "hibernate" });
    await room.publish(jobId, snapshot(0.5), { type: "stage", stage: "probe", status: "completed" });
    const messages = await settle(() => subscriber.messages, 2);
    expect(messages.map((m) => [m.type, m.seq])).toEqual([
      ["snapshot", 0],
      ["stage", 1],
    ]);
    expect(await room.subscriberCount()).toBe(1);
  });
});
