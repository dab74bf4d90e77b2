import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import type { CaptionFiles } from "../../../agents/contracts/pipeline-agents.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { encodeRange } from "../ffmpeg/encode.ts";
import { assembleReel, renderReelAudio } from "../ffmpeg/reel.ts";
import { cutClip } from "../ffmpeg/smart-cut.ts";
import { chooseClipEncoding } from "../ffmpeg/source-encoding.ts";
import { log } from "../log.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import { BackgroundWork } from "./background-work.ts";
import { type JobDecisions, manifestOf, type RenderedMedia } from "./result-manifest.ts";
import { writeTextOutputs } from "./text-outputs.ts";

/** `plan` is rendered as is: clip ranges are on the source's frame grid and the reel timeline is planned. */
export type RenderInput = JobDecisions & {
  jobId: string;
  source: string;
  workDir: string;
  captions: CaptionFiles;
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
  // Uploads and the text outputs need no encoder: they run beside the next encode.
  const background = new BackgroundWork();
  try {
    const upload = async (name: string, path: string, type: string) => {
      const key = storageKeys.output(input.jobId, name);
      background.start(input.store.upload(key, path, type, input.signal));
      return key;
    };
    const text = background.start(
      writeTextOutputs({
        transcript: input.transcript,
        chapters: input.analysis.chapters,
        captions: input.captions,
        workDir: input.workDir,
        upload,
      }),
    );
    const media = await renderMedia(input, upload);
    await background.settle();
    const manifest = manifestOf(input, media, await text);
    input.onProgress(1);
    return manifest;
  } catch (error) {
    await background.settle().catch(() => {});
    throw error;
  }
}

type Upload = (name: string, path: string, type: string) => Promise<string>;

async function renderMedia(input: RenderInput, upload: Upload): Promise<RenderedMedia> {
  const { jobId, probe, plan, signal } = input;
  const hasVideo = probe.video !== null;
  const fps = probe.video?.fps ?? null;
  const mediaExt = hasVideo ? "mp4" : "m4a";
  const mediaType = hasVideo ? "video/mp4" : "audio/mp4";
  const ranges = plan.clips;
  const reel = plan.reel;
  const reelRanges = reel.order.map((index) => ranges[index]).filter((r) => r !== undefined);
  const steps = ranges.length + 1;
  const started = performance.now();
  const clipKeys = new Map<number, string>();
  const posterKeys = new Map<number, string>();
  const clipPaths: string[] = [];
  const encoding = hasVideo && fps ? await chooseClipEncoding(input.source, { workDir: input.workDir, signal }) : null;
  for (const [i, range] of ranges.entries()) {
    const highlight = plan.clips[i]!.highlightIndex;
    const duration = range.end - range.start;
    const clipPath = join(input.workDir, `clip-${i + 1}.${mediaExt}`);
    const posterPath = join(input.workDir, `poster-${i + 1}.jpg`);
    const onProgress = (f: number) => input.onProgress((i + f) / steps);
    if (encoding && fps) {
      const workDir = join(input.workDir, `clip-${i + 1}`);
      await mkdir(workDir, { recursive: true });
      // The reel cuts each clip where its crossfades begin and end.
      const marginSeconds = reel.fadeSeconds;
      const poster = { time: duration / 3, path: posterPath, width: 640 };
      await cutClip(input.source, range, clipPath, {
        encoding,
        fps,
        marginSeconds,
        poster,
        workDir,
        signal,
        onProgress,
      });
    } else {
      await encodeRange(input.source, range, clipPath, { hasVideo: false, signal, onProgress });
    }
    clipPaths.push(clipPath);
    clipKeys.set(highlight, await upload(`clips/highlight-${highlight + 1}.${mediaExt}`, clipPath, mediaType));
    if (hasVideo)
      posterKeys.set(highlight, await upload(`thumbnails/highlight-${highlight + 1}.jpg`, posterPath, "image/jpeg"));
  }
  const clipsDone = performance.now();
  let reelKey: string | null = null;
  if (reelRanges.length > 0) {
    const reelPath = join(input.workDir, `reel.${mediaExt}`);
    if (encoding && fps) {
      const clips = reel.order.map((index) => ({
        path: clipPaths[index]!,
        durationSeconds: ranges[index]!.end - ranges[index]!.start,
      }));
      await assembleReel({
        clips,
        sourceRanges: reelRanges,
        source: input.source,
        fadeSeconds: reel.fadeSeconds,
        fps,
        video: encoding.video,
        output: reelPath,
        workDir: input.workDir,
        signal,
        onProgress: (f) => input.onProgress((ranges.length + f) / steps),
      });
    } else {
      await renderReelAudio(input.source, reelRanges, reel.fadeSeconds, reelPath, signal);
    }
    reelKey = await upload(`reel.${mediaExt}`, reelPath, mediaType);
  }
  log.info("compilation measured", {
    jobId,
    encoding: encoding?.kind ?? "audio",
    ...(encoding?.kind === "whole" ? { wholeBecause: encoding.reason } : {}),
    clips: ranges.length,
    clipsMs: Math.round(clipsDone - started),
    reelMs: Math.round(performance.now() - clipsDone),
  });
  return { clipKeys, posterKeys, reelKey };
}
