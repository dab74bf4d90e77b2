import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AudioAnalysis } from "../../../agents/contracts/artifacts.ts";
import { JobOptions } from "../../../agents/contracts/job.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { startTestS3, type TestS3 } from "../../../test/support/local-s3.ts";
import { recordingReporter } from "../../../test/support/pipeline-harness.ts";
import { JobFailure } from "../job-failure.ts";
import { defaultStageTimeoutSeconds, type PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

let s3: TestS3;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => s3?.stop());

const contextWith = (signal: AbortSignal, audioSeconds: number): PipelineContext => ({
  jobId: randomUUID(),
  attempt: 1,
  inputKey: "uploads/u/j/source.mp4",
  options: JobOptions.parse({}),
  store: s3.store(),
  agents: {} as never,
  settings: { maxDurationSeconds: 3600, stageTimeoutSeconds: { ...defaultStageTimeoutSeconds, audio: audioSeconds } },
  scratchDir: "/nonexistent",
  signal,
  reporter: recordingReporter(),
  source: () => Promise.reject(new Error("not used")),
});

/** A stage body that ignores its signal, as a backend that forwards none would. */
const deafBody = (ms: number, state: { finished: boolean }) => () =>
  new Promise<AudioAnalysis>((resolve) =>
    setTimeout(() => {
      state.finished = true;
      resolve({ speechTrackKey: "k", silences: [], integratedLoudnessLufs: null });
    }, ms),
  );

describe("runStage", () => {
  it("fails a 400 ms body with stage_timeout at its 50 ms limit, and never checkpoints its late output", async () => {
    const context = contextWith(new AbortController().signal, 0.05);
    const state = { finished: false };
    const body = deafBody(400, state);
    let work: Promise<AudioAnalysis> | undefined;
    const error = await runStage(context, "audio", AudioAnalysis, () => {
      work = body();
      return work;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailure);
    expect(error).toMatchObject({ code: "stage_timeout", stage: "audio", retryable: true });
    expect(state.finished).toBe(false);
    await work;
    expect(await context.store.getJson(storageKeys.checkpoint(context.jobId, "audio"))).toBeNull();
  });

  it("fails a body that ignores the signal as cancelled the moment the job is cancelled", async () => {
    const controller = new AbortController();
    const context = contextWith(controller.signal, 60);
    const state = { finished: false };
    const running = runStage(context, "audio", AudioAnalysis, deafBody(400, state)).catch((e: unknown) => e);
    controller.abort(new JobFailure("cancelled", "the job was cancelled"));
    expect(await running).toMatchObject({ code: "cancelled", stage: "audio", retryable: false });
    expect(state.finished).toBe(false);
  });
});
