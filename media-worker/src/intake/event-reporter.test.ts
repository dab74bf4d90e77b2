import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEventsReceiver } from "../../../test/support/events-receiver.ts";
import { EventReporter } from "./event-reporter.ts";

const secret = "reporter-test-secret-0123456789";
let receiver: Awaited<ReturnType<typeof startEventsReceiver>>;
beforeAll(async () => {
  receiver = await startEventsReceiver(secret);
});
afterAll(async () => receiver.stop());

const spec = () => {
  const jobId = randomUUID();
  return {
    jobId,
    attempt: 1,
    input: { key: "k", contentType: "video/mp4", sizeBytes: 1 },
    options: {} as never,
    reportUrl: receiver.url(jobId),
  };
};

describe("EventReporter", () => {
  it("keeps only the latest progress of a burst and delivers in seq order", async () => {
    const s = spec();
    const events = new EventReporter(s, secret, { progressIntervalMs: 60_000 });
    events.send({ type: "started" });
    for (let i = 1; i <= 100; i++) events.progress("audio", i / 100);
    await receiver.waitFor((e) => e.jobId === s.jobId && e.type === "progress");
    await events.send({ type: "stage", stage: "audio", status: "completed", checkpointKey: "c", durationMs: 5 });
    const delivered = receiver.events.filter((e) => e.jobId === s.jobId);
    expect(delivered.map((e) => e.type)).toEqual(["started", "progress", "stage"]);
    expect(delivered.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(delivered[1]).toMatchObject({ stage: "audio", progress: 1 });
  });

  it("retries a report the receiver failed to take", async () => {
    const s = spec();
    receiver.failNextRequests(2);
    const events = new EventReporter(s, secret, { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
    await events.send({ type: "started" });
    expect(receiver.events.filter((e) => e.jobId === s.jobId)).toHaveLength(1);
  });

  it("sends heartbeats on a timer in the same seq order as the other events, until stopped", async () => {
    const s = spec();
    const events = new EventReporter(s, secret);
    events.send({ type: "started" });
    events.startHeartbeats(20);
    const beats = (n: number) => receiver.waitFor((e) => e.jobId === s.jobId && e.type === "heartbeat" && e.seq >= n);
    await beats(3);
    events.stopHeartbeats();
    await events.send({ type: "failed", code: "cancelled", message: "m", retryable: false });
    const delivered = receiver.events.filter((e) => e.jobId === s.jobId);
    expect(delivered.map((e) => e.seq)).toEqual(delivered.map((_, i) => i));
    expect(delivered.at(-1)!.type).toBe("failed");
    expect(delivered.slice(1, -1).every((e) => e.type === "heartbeat")).toBe(true);
  });
});
