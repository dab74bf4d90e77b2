import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type {
  CompilationPlan,
  ContentAnalysis,
  HighlightSelection,
  ProbeResult,
  ResultManifest,
  Transcript,
} from "../../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { encodeRange, encodeReel, extractStill } from "../ffmpeg/encode.ts";
import { log } from "../log.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { cuesFromTranscript, retimeCues, toSrt, toWebVtt } from "./captions.ts";
import { reelTimeline, snapToFrames } from "./reel-timeline.ts";

export type RenderInput = {
  jobId: string;
  source: string;
  workDir: string;
  probe: ProbeResult;
  transcript: Transcript;
  analysis: ContentAnalysis;
  selection: HighlightSelection;
  plan: CompilationPlan;
  store: ObjectStore;
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
};

/**
 * Renders and uploads everything a finished job leaves behind: one clip and one poster per
 * highlight, the reel, captions of the lecture and of the reel, the transcript and chapters,
 * and the ResultManifest that lists them.
 *
 * @example
 * const manifest = await renderOutputs({ jobId, source, workDir, probe, transcript, analysis, selection, plan, ... });
 */
export async function renderOutputs(input: RenderInput): Promise<ResultManifest> {
  const { jobId, probe, plan, store, signal } = input;
  const hasVideo = probe.video !== null;
  const fps = probe.video?.fps ?? null;
  const mediaExt = hasVideo ? "mp4" : "m4a";
  const mediaType = hasVideo ? "video/mp4" : "audio/mp4";
  const upload = async (name: string, path: string, type: string) => {
    const key = storageKeys.output(jobId, name);
    await store.upload(key, path, type, signal);
    return key;
  };
  const ranges = plan.clips.map((clip) => snapToFrames(clip, fps));
  const steps = ranges.length + 2;
  const clipKeys = new Map<number, string>();
  const posterKeys = new Map<number, string>();
  for (const [i, range] of ranges.entries()) {
    const highlight = plan.clips[i]!.highlightIndex;
    const clipPath = join(input.workDir, `clip-${i + 1}.${mediaExt}`);
    const progress = (f: number) => input.onProgress((i + f) / steps);
    await encodeRange(input.source, range, clipPath, { hasVideo, fps: fps ?? undefined, signal, onProgress: progress });
    clipKeys.set(highlight, await upload(`clips/highlight-${highlight + 1}.${mediaExt}`, clipPath, mediaType));
    if (hasVideo) {
      const posterPath = join(input.workDir, `poster-${i + 1}.jpg`);
      await extractStill(input.source, range.start + (range.end - range.start) / 3, posterPath, 640, signal);
      posterKeys.set(highlight, await upload(`thumbnails/highlight-${highlight + 1}.jpg`, posterPath, "image/jpeg"));
    }
  }
  const reelRanges = plan.reel.order.map((index) => ranges[index]!).filter(Boolean);
  const reel = reelTimeline(reelRanges, plan.reel.fadeSeconds);
  if (Math.abs(reel.durationSeconds - plan.reel.durationSeconds) > 0.05) {
    log.warn("plan's reel timeline differs from the rendered one", {
      jobId,
      plan: plan.reel.durationSeconds,
      rendered: reel.durationSeconds,
    });
  }
  let reelKey: string | null = null;
  if (reelRanges.length > 0) {
    const reelPath = join(input.workDir, `reel.${mediaExt}`);
    const progress = (f: number) => input.onProgress((ranges.length + f) / steps);
    await encodeReel(input.source, reelRanges, reel, reelPath, {
      hasVideo,
      fps: fps ?? undefined,
      signal,
      onProgress: progress,
    });
    reelKey = await upload(`reel.${mediaExt}`, reelPath, mediaType);
  }
  const cues = cuesFromTranscript(input.transcript);
  const reelCues = retimeCues(cues, reelRanges, reel.offsets);
  const text = async (name: string, body: string, type: string) => {
    const path = join(input.workDir, name.replaceAll("/", "-"));
    await writeFile(path, body);
    return upload(name, path, type);
  };
  const transcript = {
    jsonKey: await text("transcript.json", JSON.stringify(input.transcript), "application/json"),
    vttKey: await text("captions/lecture.vtt", toWebVtt(cues), "text/vtt"),
    srtKey: await text("captions/lecture.srt", toSrt(cues), "application/x-subrip"),
  };
  const reelCaptions = reelKey
    ? {
        vttKey: await text("captions/reel.vtt", toWebVtt(reelCues), "text/vtt"),
        srtKey: await text("captions/reel.srt", toSrt(reelCues), "application/x-subrip"),
      }
    : null;
  await text("chapters.json", JSON.stringify(input.analysis.chapters), "application/json");
  input.onProgress(1);
  return {
    durationSeconds: probe.durationSeconds,
    highlights: input.selection.highlights.map((h, i) => ({
      ...h,
      clipKey: clipKeys.get(i) ?? null,
      thumbnailKey: posterKeys.get(i) ?? null,
    })),
    chapters: input.analysis.chapters,
    reel: reelKey ? { key: reelKey, durationSeconds: reel.durationSeconds } : null,
    transcript,
    reelCaptions,
    stats: {
      transcriptBackend: input.transcript.backend,
      analysisBackend: input.analysis.backend,
      costUsd: input.transcript.costUsd + input.analysis.usage.costUsd,
      clips: ranges.length,
      reelOffsets: reel.offsets,
      reelFadeSeconds: reel.fadeSeconds,
    },
  };
}
