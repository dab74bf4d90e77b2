import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LayoutAnalysis } from "../../agents/contracts/artifacts.ts";
import { JobOptions, type StageName } from "../../agents/contracts/job.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture } from "../../infra/sample-lecture/scripts.ts";
import { defaultStageTimeoutSeconds } from "../../media-worker/src/pipeline/context.ts";
import { runPipeline } from "../../media-worker/src/pipeline/run-pipeline.ts";
import { groundTruthAgents } from "../support/ground-truth-agents.ts";
import { startTestS3 } from "../support/local-s3.ts";
import { uploadJob } from "../support/pipeline-harness.ts";
import { floor, fullDecode, naivePipeline } from "./naive-pipeline.ts";

/**
 * `npm run bench:pipeline`: a 20-minute 720p lecture through the real pipeline (real ffmpeg,
 * local S3; decisions by the ground-truth agents double, so transcription costs nothing here),
 * against the costs of decoding every frame, the reading floor, and the seed's naive way.
 * Prints one JSON line. A benchmark reports; it never fails on a slow day.
 */
const lecture = await generateLecture({
  script: calculusLecture,
  width: 1280,
  height: 720,
  fps: 30,
  gopSeconds: 4,
  presenterInset: true,
  repeatToSeconds: 20 * 60,
});
const s3 = await startTestS3();
const workDir = mkdtempSync(join(tmpdir(), "lh-bench-"));
try {
  const store = s3.store();
  const spec = await uploadJob(store, lecture.path, "mp4", JobOptions.parse({}));
  const { agents } = groundTruthAgents(lecture.truth);
  const stageEnds: Partial<Record<StageName, number>> = {};
  const stageSeconds: Partial<Record<StageName, number>> = {};
  const started = performance.now();
  const { manifest } = await runPipeline(spec, {
    store,
    agents,
    settings: { maxDurationSeconds: 4 * 3600, stageTimeoutSeconds: defaultStageTimeoutSeconds },
    scratchRoot: workDir,
    signal: new AbortController().signal,
    reporter: {
      progress: () => {},
      stage: (stage, _status, _key, durationMs) => {
        stageEnds[stage] = (performance.now() - started) / 1000;
        stageSeconds[stage] = durationMs / 1000;
      },
    },
  });
  const total = (performance.now() - started) / 1000;
  // Media analysis = probe, then the audio pass and the layout scan side by side.
  const analysis = Math.max(stageEnds.audio ?? 0, stageEnds.layout ?? 0);
  const clips = manifest.highlights.map((h) => ({ start: h.start, end: h.end }));
  const layout = (await store.getJson<LayoutAnalysis>(storageKeys.checkpoint(spec.jobId, "layout")))!;
  const errors = lecture.truth.slideChanges.map((t) =>
    Math.min(...layout.slideChanges.map((found) => Math.abs(found - t))),
  );
  const fullDecodeSeconds = await fullDecode(lecture.path);
  const floorSeconds = await floor(lecture.path);
  const naive = await naivePipeline(lecture.path, clips, workDir);
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      lecture_s: round(lecture.truth.durationSeconds),
      analysis_s: round(analysis),
      total_s: round(total),
      full_decode_s: round(fullDecodeSeconds),
      floor_s: round(floorSeconds),
      naive_s: round(naive),
      analysis_vs_full_decode: round(analysis / fullDecodeSeconds),
      naive_vs_total: round(naive / total),
      stages_s: Object.fromEntries(Object.entries(stageSeconds).map(([k, v]) => [k, round(v)])),
      clips_s: round(clips.reduce((sum, c) => sum + c.end - c.start, 0)),
      reel_s: manifest.reel ? round(manifest.reel.durationSeconds) : null,
      slide_changes: {
        truth: lecture.truth.slideChanges.length,
        found: layout.slideChanges.length,
        max_error_s: round(Math.max(...errors)),
      },
    }),
  );
} finally {
  await s3.stop();
  rmSync(workDir, { recursive: true, force: true });
}
