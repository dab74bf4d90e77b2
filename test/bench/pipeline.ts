import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AudioAnalysis, LayoutAnalysis, ProbeResult, Transcript } from "../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { createPipelineAgents, type PipelineAgentsConfig } from "../../agents/pipeline-agents.ts";
import { pocketsphinxSpeedPresets } from "../../agents/transcription/pocketsphinx-speed.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture } from "../../infra/sample-lecture/scripts.ts";
import { productionAgents } from "../../media-worker/src/agents-wiring.ts";
import type { ObjectStore } from "../../media-worker/src/storage/object-store.ts";
import { transcriptErrorRate } from "../eval/metrics.ts";
import { groundTruthAgents } from "../support/ground-truth-agents.ts";
import { startTestS3 } from "../support/local-s3.ts";
import { compileBothWays } from "./compile-ways.ts";
import { floor, fullDecode, naivePipeline, seconds, wholeReencodes } from "./naive-pipeline.ts";
import { timedPipeline } from "./timed-pipeline.ts";

/**
 * `npm run bench:pipeline`: a generated 20-minute 720p lecture (`BENCH_MINUTES` to change)
 * through the real pipeline twice, on real ffmpeg and local S3, printing one JSON line:
 * - `offline`: the real agents (pocketsphinx, tesseract, the extractive analyser) as the media
 *   worker wires them: wall seconds per stage, `end_to_end_rt` (job wall time ÷ lecture
 *   duration), the transcript's word error against the script, and in the same run the old
 *   per-stage way as the baseline: the stages one after another, the recognizer sequential
 *   (`transcriptionConcurrency: 1`) with pocketsphinx's stock settings, its own word error beside
 *   ours, and the clips and reel re-encoded whole.
 * - `compilation_alone`: the clips and reel of the offline run made again both ways, whole
 *   re-encodes with our profile and the smart cut, wall and CPU seconds (a part measured alone).
 * - `media_only`: the ground-truth agents double (decisions cost nothing), against decoding
 *   every frame, the reading floor and the seed's naive way (`BENCH_NAIVE=0` skips that one): the
 *   media costs alone.
 * A benchmark reports; it never fails on a slow day.
 */
const minutes = Number(process.env.BENCH_MINUTES ?? 20);
const lecture = await generateLecture({
  script: calculusLecture,
  width: 1280,
  height: 720,
  fps: 30,
  gopSeconds: 4,
  presenterInset: true,
  repeatToSeconds: minutes * 60,
});
const s3 = await startTestS3();
const workDir = mkdtempSync(join(tmpdir(), "lh-bench-"));
const round = (n: number) => Math.round(n * 100) / 100;
const rounded = (record: Record<string, number>) =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, round(v)]));
/** The old way's recognizer: one pocketsphinx process at a time, with its stock search settings. */
const sequentialRecognizer: PipelineAgentsConfig = {
  transcriptionConcurrency: 1,
  pocketsphinxSpeed: pocketsphinxSpeedPresets.stock,
};
/** The seed's naive way re-encodes every clip from a cold seek: 20 minutes of the 33 on a 20-minute lecture. */
const measureNaive = process.env.BENCH_NAIVE !== "0";

try {
  const store = s3.store();
  const duration = lecture.truth.durationSeconds;
  const offline = await timedPipeline(
    store,
    lecture.path,
    productionAgents({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined }),
    workDir,
  );
  const checkpoint = <T>(stage: "probe" | "audio" | "transcription") =>
    store.getJson<T>(storageKeys.checkpoint(offline.spec.jobId, stage)) as Promise<T>;
  const transcript = await checkpoint<Transcript>("transcription");
  const clips = offline.manifest.highlights.map((h) => ({ start: h.start, end: h.end }));
  const sequential = await sequentialTranscription(store, await checkpoint("audio"), await checkpoint("probe"));
  const wholeSeconds = await wholeReencodes(lecture.path, clips, workDir);
  const fadeSeconds = Number(offline.manifest.stats.reelFadeSeconds ?? 0);
  const compileDir = join(workDir, "compile-alone");
  const compilationAlone = await compileBothWays({
    source: lecture.path,
    clips,
    fadeSeconds,
    fps: 30,
    workDir: compileDir,
  });
  const { transcription = 0, compilation = 0, ...others } = offline.stageSeconds;
  const baseline = Object.values(others).reduce((sum, s) => sum + s, 0) + sequential.seconds + wholeSeconds;
  const mediaOnly = await mediaOnlyCosts(store);
  console.log(
    JSON.stringify({
      lecture_s: round(duration),
      offline: {
        total_s: round(offline.totalSeconds),
        end_to_end_rt: round(offline.totalSeconds / duration),
        stages_s: rounded(offline.stageSeconds),
        word_error: round(transcriptErrorRate(lecture.truth, transcript)),
        transcript_backend: transcript.backend,
        baseline: {
          total_s: round(baseline),
          end_to_end_rt: round(baseline / duration),
          transcription_sequential_s: round(sequential.seconds),
          word_error: round(transcriptErrorRate(lecture.truth, sequential.transcript)),
          compilation_whole_reencode_s: round(wholeSeconds),
          speedup: round(baseline / offline.totalSeconds),
        },
        compilation_vs_whole_reencode: round(compilation / wholeSeconds),
        transcription_vs_sequential: round(transcription / sequential.seconds),
        /** The compilation's media measured alone on the same clips: whole re-encodes (our profile) against the smart cut. */
        compilation_alone: compilationAlone,
      },
      media_only: mediaOnly,
    }),
  );
} finally {
  await s3.stop();
  rmSync(workDir, { recursive: true, force: true });
}

/** The recognizer alone, one piece after another, on the speech track the offline run made. */
async function sequentialTranscription(store: ObjectStore, audio: AudioAnalysis, probe: ProbeResult) {
  const speechTrackPath = join(workDir, "baseline-speech.wav");
  await store.download(audio.speechTrackKey, speechTrackPath);
  const agents = createPipelineAgents(sequentialRecognizer);
  const signal = new AbortController().signal;
  let transcript: Transcript | undefined;
  const elapsed = await seconds(async () => {
    transcript = await agents.transcribe({
      speechTrackPath,
      audio,
      probe,
      language: "en",
      signal,
      onProgress: () => {},
    });
  });
  return { seconds: elapsed, transcript: transcript as Transcript };
}

/** The pipeline with the ground-truth double, beside the full decode, the floor and the naive way. */
async function mediaOnlyCosts(store: ObjectStore) {
  const run = await timedPipeline(store, lecture.path, groundTruthAgents(lecture.truth).agents, workDir);
  const { stageEnds } = run;
  // Media analysis = probe, then the audio pass and the layout scan side by side.
  const analysis = Math.max(stageEnds.audio ?? 0, stageEnds.layout ?? 0);
  const clips = run.manifest.highlights.map((h) => ({ start: h.start, end: h.end }));
  const layout = (await store.getJson<LayoutAnalysis>(storageKeys.checkpoint(run.spec.jobId, "layout")))!;
  const errors = lecture.truth.slideChanges.map((t) =>
    Math.min(...layout.slideChanges.map((found) => Math.abs(found - t))),
  );
  const fullDecodeSeconds = await fullDecode(lecture.path);
  const floorSeconds = await floor(lecture.path);
  const naive = measureNaive ? await naivePipeline(lecture.path, clips, workDir) : null;
  return {
    analysis_s: round(analysis),
    total_s: round(run.totalSeconds),
    full_decode_s: round(fullDecodeSeconds),
    floor_s: round(floorSeconds),
    naive_s: naive === null ? null : round(naive),
    analysis_vs_full_decode: round(analysis / fullDecodeSeconds),
    naive_vs_total: naive === null ? null : round(naive / run.totalSeconds),
    stages_s: rounded(run.stageSeconds),
    clips_s: round(clips.reduce((sum, c) => sum + c.end - c.start, 0)),
    reel_s: run.manifest.reel ? round(run.manifest.reel.durationSeconds) : null,
    slide_changes: {
      truth: lecture.truth.slideChanges.length,
      found: layout.slideChanges.length,
      max_error_s: round(Math.max(...errors)),
    },
  };
}
