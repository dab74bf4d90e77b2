import { describe, expect, it } from "vitest";
import { signInternalRequest } from "../../agents/contracts/internal-auth.ts";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { JobManager } from "./intake/job-manager.ts";
import { defaultStageTimeoutSeconds, stageTimeouts } from "./pipeline/context.ts";
import { ObjectStore } from "./storage/object-store.ts";

const env = {
  MEDIA_WORKER_SECRET: "app-test-secret-0123456789",
  METRICS_TOKEN: "metrics-token-for-this-test",
  S3_ENDPOINT: "http://127.0.0.1:1",
  S3_BUCKET: "b",
  S3_ACCESS_KEY_ID: "k",
  S3_SECRET_ACCESS_KEY: "s",
};

/** The app over a one-slot job manager whose storage is never reached. */
function testApp() {
  const config = loadConfig(env);
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
  const state = { draining: false };
  return { app: createApp(config, state, jobs), state };
}

/** A call signed as the Worker signs it, for `path` on this app. */
async function signedPost(path: string, payload: { jobId: string; attempt: number }) {
  const body = JSON.stringify(payload);
  const call = { method: "POST", target: path, body, ...payload };
  return { path, init: { method: "POST", body, headers: await signInternalRequest(env.MEDIA_WORKER_SECRET, call) } };
}

describe("media worker app while draining", () => {
  it("answers 503 on /health and refuses new jobs with Retry-After", async () => {
    const { app, state } = testApp();
    expect((await app.request("/health")).status).toBe(200);
    state.draining = true;
    expect((await app.request("/health")).status).toBe(503);
    const dispatch = await signedPost("/jobs", { jobId: crypto.randomUUID(), attempt: 1 });
    const response = await app.request(dispatch.path, dispatch.init);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
  });
});

describe("GET /metrics", () => {
  it("answers only the metrics token", async () => {
    const { app } = testApp();
    expect((await app.request("/metrics")).status).toBe(401);
    expect((await app.request("/metrics", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    const scraped = await app.request("/metrics", { headers: { authorization: `Bearer ${env.METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("lh_jobs_accepted_total");
  });
});

describe("signed calls from the Worker", () => {
  it("takes a cancel once: the same captured call sent again is refused", async () => {
    const { app } = testApp();
    const cancel = await signedPost(`/jobs/${crypto.randomUUID()}/cancel`, { jobId: crypto.randomUUID(), attempt: 1 });
    const jobId = crypto.randomUUID();
    const captured = await signedPost(`/jobs/${jobId}/cancel`, { jobId, attempt: 1 });
    expect((await app.request(captured.path, captured.init)).status).toBe(404); // accepted: not running here
    expect((await app.request(captured.path, captured.init)).status).toBe(401);
    // A cancel whose body names another job than its path, even when signed that way, is refused.
    expect((await app.request(cancel.path, cancel.init)).status).toBe(401);
  });

  it("refuses a captured cancel replayed onto another job's path", async () => {
    const { app } = testApp();
    const jobId = crypto.randomUUID();
    const captured = await signedPost(`/jobs/${jobId}/cancel`, { jobId, attempt: 1 });
    expect((await app.request(`/jobs/${crypto.randomUUID()}/cancel`, captured.init)).status).toBe(401);
    expect((await app.request(`/jobs/${jobId}/cancel?force=1`, captured.init)).status).toBe(401);
    expect((await app.request(captured.path, captured.init)).status).toBe(404);
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
    const { app } = testApp();
    const jobId = crypto.randomUUID();
    const big = JSON.stringify({ jobId, attempt: 1, padding: "x".repeat(1024 * 1024) });
    for (const path of ["/jobs", `/jobs/${jobId}/cancel`]) {
      const call = { method: "POST", target: path, body: big, jobId, attempt: 1 };
      const signed = await signInternalRequest(env.MEDIA_WORKER_SECRET, call);
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
