import { describe, expect, it } from "vitest";
import { signInternalRequest } from "../../agents/contracts/internal-auth.ts";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { JobManager } from "./intake/job-manager.ts";
import { defaultStageTimeoutSeconds, stageTimeouts } from "./pipeline/context.ts";
import { ObjectStore } from "./storage/object-store.ts";

const env = {
  MEDIA_WORKER_SECRET: "app-test-secret-0123456789",
  S3_ENDPOINT: "http://127.0.0.1:1",
  S3_BUCKET: "b",
  S3_ACCESS_KEY_ID: "k",
  S3_SECRET_ACCESS_KEY: "s",
};

/** The app over a one-slot job manager whose storage is never reached. */
function appWithOneSlot(state: { draining: boolean }) {
  const store = new ObjectStore({
    endpoint: env.S3_ENDPOINT,
    bucket: "b",
    region: "auto",
    accessKeyId: "k",
    secretAccessKey: "s",
  });
  const jobs = new JobManager({
    store,
    agents: {} as never,
    settings: { maxDurationSeconds: 60, stageTimeoutSeconds: defaultStageTimeoutSeconds },
    scratchRoot: "/tmp",
    concurrency: 1,
    secret: env.MEDIA_WORKER_SECRET,
  });
  return createApp(loadConfig(env), state, jobs);
}

describe("media worker app while draining", () => {
  it("answers 503 on /health and refuses new jobs with Retry-After", async () => {
    const state = { draining: false };
    const app = appWithOneSlot(state);
    expect((await app.request("/health")).status).toBe(200);
    state.draining = true;
    expect((await app.request("/health")).status).toBe(503);
    const body = JSON.stringify({ jobId: crypto.randomUUID() });
    const response = await app.request("/jobs", {
      method: "POST",
      body,
      headers: await signInternalRequest(env.MEDIA_WORKER_SECRET, body),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
  });
});

describe("configuration", () => {
  it("reads per-stage time limits from STAGE_TIMEOUT_SECONDS", () => {
    const config = loadConfig({ ...env, STAGE_TIMEOUT_SECONDS: "transcription=5400,layout=60.5" });
    const limits = stageTimeouts(config.STAGE_TIMEOUT_SECONDS);
    expect(limits).toMatchObject({ transcription: 5400, layout: 60.5, probe: defaultStageTimeoutSeconds.probe });
    expect(() => stageTimeouts("lunch=5")).toThrow(/unknown stage/);
    expect(() => loadConfig({ ...env, STAGE_TIMEOUT_SECONDS: "layout" })).toThrow(/STAGE_TIMEOUT_SECONDS/);
  });
});

describe("media worker intake body limit", () => {
  it("answers 413 to signed and unsigned bodies over 256 KiB, with or without Content-Length", async () => {
    const app = appWithOneSlot({ draining: false });
    const big = JSON.stringify({ jobId: crypto.randomUUID(), padding: "x".repeat(1024 * 1024) });
    const signed = await signInternalRequest(env.MEDIA_WORKER_SECRET, big);
    for (const path of ["/jobs", `/jobs/${crypto.randomUUID()}/cancel`]) {
      const withLength = await app.request(path, { method: "POST", body: big, headers: signed });
      expect(withLength.status, path).toBe(413);
      // 10 MB streamed without a length: cut off once 256 KiB have been read.
      let sent = 0;
      const chunk = new Uint8Array(64 * 1024);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 10 * 2 ** 20) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const streamed = await app.request(path, { method: "POST", body: stream, duplex: "half" } as RequestInit);
      expect(streamed.status, path).toBe(413);
      expect(sent).toBeLessThan(10 * 2 ** 20);
    }
  });
});
