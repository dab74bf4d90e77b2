import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPipelineAgents } from "../../agents/pipeline-agents.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { sortingLecture } from "../../infra/sample-lecture/scripts.ts";
import { JobFailure } from "../../media-worker/src/job-failure.ts";
import { defaultStageTimeoutSeconds } from "../../media-worker/src/pipeline/context.ts";
import { runPipeline } from "../../media-worker/src/pipeline/run-pipeline.ts";
import { startTestS3, type TestS3 } from "../support/local-s3.ts";
import { recordingReporter, uploadJob } from "../support/pipeline-harness.ts";
import { eventually, processesOf } from "../support/process-tree.ts";

// The real offline agents: pocketsphinx for speech, tesseract for slide text. Both run in
// process groups of their own, so only the job's signal can stop them.
const recognizers = ["pocketsphinx_co", "tesseract"];
let s3: TestS3;
let lecturePath: string;

beforeAll(async () => {
  s3 = await startTestS3();
  // Every topic is a slide to read, and its speech keeps pocketsphinx at work meanwhile.
  const lecture = await generateLecture({ script: sortingLecture, width: 320, height: 180, gopSeconds: 2 });
  lecturePath = lecture.path;
}, 600_000);
afterAll(async () => s3?.stop());

async function cancelDuring(command: string) {
  const spec = await uploadJob(s3.store(), lecturePath, "mp4");
  const controller = new AbortController();
  const run = runPipeline(spec, {
    store: s3.store(),
    agents: createPipelineAgents(),
    settings: { maxDurationSeconds: 3600, stageTimeoutSeconds: defaultStageTimeoutSeconds },
    scratchRoot: mkdtempSync(join(tmpdir(), "lh-cancel-")),
    reporter: recordingReporter(),
    signal: controller.signal,
  }).catch((error: unknown) => error);
  const running = () => processesOf(process.pid).filter((p) => recognizers.includes(p.comm));
  expect(await eventually(() => running().some((p) => p.comm === command), 120_000)).toBe(true);
  const groups = running().map((p) => p.pgid);
  controller.abort(new JobFailure("cancelled", "the job was cancelled"));
  expect(await run).toMatchObject({ code: "cancelled", retryable: false });
  const survivors = () => processesOf(process.pid, groups).filter((p) => recognizers.includes(p.comm));
  expect(await eventually(() => survivors().length === 0, 3_000)).toBe(true);
}

describe("cancelling a job run by the real agents", () => {
  it("in the middle of tesseract leaves no recognizer running", async () => {
    await cancelDuring("tesseract");
  });

  it("in the middle of pocketsphinx leaves no recognizer running", async () => {
    await cancelDuring("pocketsphinx_co");
  });
});
