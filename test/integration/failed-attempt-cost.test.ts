import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transcript } from "../../agents/contracts/artifacts.ts";
import type { JobSpec, WorkerEvent } from "../../agents/contracts/media-protocol.ts";
import { postToMediaWorker } from "../../agents/contracts/media-worker-request.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { productionAgents } from "../../media-worker/src/agents-wiring.ts";
import { loadConfig } from "../../media-worker/src/config.ts";
import { type MediaWorker, startMediaWorker } from "../../media-worker/src/server.ts";
import { startEventsReceiver } from "../support/events-receiver.ts";
import { type FakeOpenAI, startFakeOpenAI } from "../support/fake-openai-server.ts";
import { freePort, mediaWorkerS3Env, startTestS3, type TestS3 } from "../support/local-s3.ts";
import { tinyLecture, uploadJob } from "../support/pipeline-harness.ts";

const secret = "failed-attempt-cost-secret-0123";
const transcription = (await import("../../agents/transcription/fixtures/verbose-piece-1.json", {
  with: { type: "json" },
})) as { default: unknown };

let s3: TestS3;
let fake: FakeOpenAI;
let worker: MediaWorker;
let receiver: Awaited<ReturnType<typeof startEventsReceiver>>;

beforeAll(async () => {
  [s3, receiver, fake] = await Promise.all([
    startTestS3(),
    startEventsReceiver(secret),
    startFakeOpenAI({
      "/v1/audio/transcriptions": { fallback: () => ({ body: transcription.default }) },
      // The analysis never gets its answer: its stage deadline ends the attempt after transcription.
      "/v1/chat/completions": { fallback: () => ({ body: {}, delayMs: 600_000 }) },
    }),
  ]);
  const config = loadConfig({
    PORT: String(await freePort()),
    MEDIA_WORKER_SECRET: secret,
    ...mediaWorkerS3Env(s3),
    CONCURRENCY: "1",
    SCRATCH_DIR: mkdtempSync(join(tmpdir(), "lh-failed-cost-")),
    OPENAI_API_KEY: "failed-attempt-cost-key",
    OPENAI_BASE_URL: fake.baseUrl,
    STAGE_TIMEOUT_SECONDS: "analysis=3",
  });
  worker = await startMediaWorker(config, productionAgents(config));
}, 120_000);

afterAll(async () => {
  await worker?.shutdown("test over");
  await fake?.close();
  await receiver?.stop();
  await s3?.stop();
});

/**
 * Usage counts what a job cost even when it fails: an attempt that paid for its transcription
 * and then failed reports that cost with its failure (the production agents, against the
 * OpenAI-compatible test server).
 */
describe("a failed attempt", () => {
  it("reports what the AI calls of its finished stages cost", async () => {
    const lecture = await tinyLecture();
    const uploaded = await uploadJob(s3.store(), lecture.path, "mp4");
    const { jobId } = uploaded;
    const spec: JobSpec = { ...uploaded, reportUrl: receiver.url(jobId) };
    expect((await postToMediaWorker({ url: worker.url, secret }, "/jobs", spec)).status).toBe(202);

    const end = (await receiver.waitFor(
      (e) => e.jobId === jobId && (e.type === "completed" || e.type === "failed"),
    )) as Extract<WorkerEvent, { type: "failed" }>;
    expect(end).toMatchObject({ type: "failed", code: "stage_timeout", stage: "analysis", retryable: true });
    const transcript = await s3.store().getJson<Transcript>(storageKeys.checkpoint(jobId, "transcription"));
    expect(transcript?.backend).toBe("openai");
    expect(transcript!.costUsd).toBeGreaterThan(0);
    expect(end.costUsd).toBe(transcript!.costUsd);
  }, 120_000);
});
