import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToMediaWorker } from "../../agents/contracts/media-worker-request.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { startEventsReceiver } from "../support/events-receiver.ts";
import { freePort, mediaWorkerS3Env, startTestS3, type TestS3 } from "../support/local-s3.ts";
import { runWithTruth, tinyLecture, uploadJob } from "../support/pipeline-harness.ts";

const secret = "shutdown-test-secret-0123456789";
let s3: TestS3;
let receiver: Awaited<ReturnType<typeof startEventsReceiver>>;
let truth: GroundTruth;
let truthFile: string;
let child: ChildProcess | null = null;

beforeAll(async () => {
  s3 = await startTestS3();
  receiver = await startEventsReceiver(secret);
  const lecture = await tinyLecture();
  truth = lecture.truth;
  truthFile = join(dirname(lecture.path), "truth.json");
});
afterAll(async () => {
  if (child?.exitCode === null) child.kill("SIGKILL");
  await receiver?.stop();
  await s3?.stop();
});

async function startWorkerProcess(): Promise<{ url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  child = spawn(process.execPath, ["--import", "tsx", "test/support/worker-entry.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      MEDIA_WORKER_SECRET: secret,
      ...mediaWorkerS3Env(s3),
      SCRATCH_DIR: mkdtempSync(join(tmpdir(), "lh-shutdown-")),
      SHUTDOWN_GRACE_SECONDS: "10",
      LH_TEST_TRUTH: truthFile,
      LH_TEST_SELECT_DELAY_MS: "600000",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child!.stdout!.on("data", (chunk: Buffer) => {
      const ready = /"ready":"([^"]+)"/.exec(chunk.toString());
      if (ready) resolve(ready[1]!);
    });
    child!.on("exit", () => reject(new Error("worker exited before it was ready")));
  });
  return { url, exited };
}

describe("SIGTERM in the middle of a job", () => {
  it("reports interrupted, exits 0 within the grace, and leaves checkpoints a retry resumes from", async () => {
    const worker = await startWorkerProcess();
    const spec = await uploadJob(s3.store(), truthFile.replace("truth.json", "lecture.mp4"), "mp4");
    spec.reportUrl = receiver.url(spec.jobId);
    expect((await postToMediaWorker({ url: worker.url, secret }, "/jobs", spec)).status).toBe(202);
    await receiver.waitFor((e) => e.jobId === spec.jobId && e.type === "stage" && e.stage === "analysis");

    child!.kill("SIGTERM");
    const interrupted = await receiver.waitFor((e) => e.jobId === spec.jobId && e.type === "interrupted");
    expect(interrupted).toMatchObject({ reason: "SIGTERM", attempt: 1 });
    expect(receiver.events.filter((e) => e.jobId === spec.jobId && e.type === "failed")).toEqual([]);
    expect(await worker.exited).toBe(0);

    for (const stage of ["probe", "audio", "transcription", "layout", "analysis"]) {
      expect(await s3.store().exists(storageKeys.checkpoint(spec.jobId, stage))).toBe(true);
    }
    const retry = await runWithTruth(s3.store(), { ...spec, attempt: 2 }, truth);
    expect(
      retry.reporter.stages
        .filter((s) => s.status === "skipped")
        .map((s) => s.stage)
        .sort(),
    ).toEqual(["analysis", "audio", "layout", "probe", "transcription"]);
    expect(retry.reporter.stages.filter((s) => s.status === "completed").map((s) => s.stage)).toEqual([
      "selection",
      "compilation",
    ]);
    expect(retry.calls.transcribe).toBe(0);
  });
});
