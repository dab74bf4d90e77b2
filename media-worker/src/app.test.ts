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

describe("media worker app while draining", () => {
  it("answers 503 on /health and refuses new jobs with Retry-After", async () => {
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
    const app = createApp(config, state, jobs);
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
