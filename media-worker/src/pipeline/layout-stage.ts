import { join } from "node:path";
import { LayoutAnalysis, type ProbeResult } from "../../../agents/contracts/artifacts.ts";
import type { MeasuredSegment } from "../../../agents/contracts/pipeline-agents.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { type GrayFrame, scanKeyframes, stillPath } from "../ffmpeg/gray-frames.ts";
import { extractOcrFrame } from "../ffmpeg/ocr-frame.ts";
import { readVideoPackets } from "../ffmpeg/packets.ts";
import { decodeWindows } from "../ffmpeg/window-decode.ts";
import { changedCellFraction } from "../layout/frame-difference.ts";
import { findSlideChanges } from "../layout/slide-changes.ts";
import { log } from "../log.ts";
import { mapWithLimit } from "../pool.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

/**
 * Layout: slide changes from a keyframe-only scan refined by short decodes, one thumbnail per
 * slide (a keyframe still from the scan itself, so no extra decoding), then the agents say
 * what each segment is (slides, talking head, mixed) and read its text from one full-resolution
 * frame in the middle of the slide, enlarged for OCR.
 */
export const layoutStage = (context: PipelineContext, probe: ProbeResult) =>
  runStage(context, "layout", LayoutAnalysis, async ({ signal, onProgress }) => {
    const video = probe.video;
    if (!video) return { slideChanges: [], segments: [] };
    const source = await context.source();
    const started = performance.now();
    const workDir = join(context.scratchDir, "layout");
    const stillsDir = join(workDir, "keyframes");
    // Reading packet sizes costs no decoding and runs beside the keyframe scan.
    const packets = readVideoPackets(source, signal).catch(() => []);
    const keyframes = await scanKeyframes(source, {
      workDir,
      stillsDir,
      durationSeconds: probe.durationSeconds,
      onProgress: (f) => onProgress(f * 0.4),
      signal,
    });
    const scanned = performance.now();
    const changes = await findSlideChanges({
      keyframes,
      packets: await packets,
      trustClearPackets: true,
      decode: (windows) => decodeWindows(source, windows, { workDir, signal, referenceFramesOnly: true }),
      frameSeconds: 1 / video.fps,
      onProgress: (f) => onProgress(0.4 + f * 0.4),
    });
    const placed = performance.now();
    const bounds = [0, ...changes.map((c) => c.time), probe.durationSeconds];
    const measured: MeasuredSegment[] = bounds.slice(0, -1).map((start, i) => {
      const end = bounds[i + 1]!;
      const inside = keyframes.map((k, index) => ({ k, index })).filter(({ k }) => k.time >= start && k.time < end);
      const still = inside[0] ?? nearestBefore(keyframes, start);
      return {
        start,
        end,
        thumbnailPath: still ? stillPath(stillsDir, still.index) : null,
        motion: motionOf(inside.map((x) => x.k)),
      };
    });
    const ocrFrames = await mapWithLimit(measured, 2, async (segment, i) => {
      const path = join(workDir, `ocr-${String(i + 1).padStart(3, "0")}.png`);
      await extractOcrFrame(source, (segment.start + segment.end) / 2, path, signal);
      return path;
    });
    const described = await context.agents.describeSlides({
      segments: measured.map((segment, i) => ({ ...segment, thumbnailPath: ocrFrames[i] ?? segment.thumbnailPath })),
      probe,
      signal,
      onProgress: () => {},
    });
    const segments = await mapWithLimit(measured, 8, async (segment, i) => {
      let thumbnailKey: string | null = null;
      if (segment.thumbnailPath) {
        thumbnailKey = storageKeys.output(context.jobId, `slides/slide-${String(i + 1).padStart(3, "0")}.jpg`);
        await context.store.upload(thumbnailKey, segment.thumbnailPath, "image/jpeg", signal);
      }
      const description = described[i] ?? { layout: "slides" as const, text: null, title: null };
      return { start: segment.start, end: segment.end, thumbnailKey, ...description };
    });
    onProgress(1);
    log.info("layout measured", {
      jobId: context.jobId,
      keyframes: keyframes.length,
      slideChanges: changes.length,
      scanMs: Math.round(scanned - started),
      changesMs: Math.round(placed - scanned),
      describeAndUploadMs: Math.round(performance.now() - placed),
    });
    return { slideChanges: changes.map((c) => c.time), segments };
  });

function nearestBefore(keyframes: GrayFrame[], time: number): { k: GrayFrame; index: number } | undefined {
  let found: { k: GrayFrame; index: number } | undefined;
  keyframes.forEach((k, index) => {
    if (k.time <= time) found = { k, index };
  });
  return found;
}

function motionOf(frames: GrayFrame[]): number {
  if (frames.length < 2) return 0;
  let sum = 0;
  for (let i = 1; i < frames.length; i++) sum += changedCellFraction(frames[i - 1]!, frames[i]!);
  return sum / (frames.length - 1);
}
