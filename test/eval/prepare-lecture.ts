import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { LayoutAnalysis, Transcript } from "../../agents/contracts/artifacts.ts";
import type { Agents } from "../../agents/index.ts";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import type { GroundTruth, LectureScript } from "../../infra/sample-lecture/lecture-types.ts";
import { extractOcrFrame } from "../../media-worker/src/ffmpeg/ocr-frame.ts";

export type PreparedLecture = {
  truth: GroundTruth;
  speechPath: string;
  transcript: Transcript;
  layout: LayoutAnalysis;
};

const ffmpeg = (args: string[]) => execFileSync("ffmpeg", ["-v", "error", "-y", ...args]);

/**
 * A generated lecture made ready for the agents the way the media worker would: its 16 kHz
 * mono speech track, one OCR frame per slide (as the layout stage makes it), the transcript of `agents` (cached next
 * to the fixture, since pocketsphinx needs a third of real time) and the layout from the
 * ground-truth slide changes.
 */
export async function prepareLecture(
  script: LectureScript,
  agents: Agents,
  repeatToSeconds = 0,
): Promise<PreparedLecture> {
  const { path, truth } = await generateLecture({ script, repeatToSeconds });
  const dir = dirname(path);
  const speechPath = join(dir, "speech16k.wav");
  if (!existsSync(speechPath)) ffmpeg(["-i", path, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", speechPath]);
  const bounds = [0, ...truth.slideChanges, truth.durationSeconds];
  const stills: string[] = [];
  for (const [i] of truth.topics.entries()) {
    const still = join(dir, `ocr-${i}.png`);
    const middle = ((bounds[i] as number) + (bounds[i + 1] as number)) / 2;
    if (!existsSync(still)) await extractOcrFrame(path, middle, still);
    stills.push(still);
  }
  const cached = join(dir, `transcript-${agents.backends.transcription}.json`);
  const transcript: Transcript = existsSync(cached)
    ? JSON.parse(readFileSync(cached, "utf8"))
    : await agents.transcribe({
        speechPath,
        durationSeconds: truth.durationSeconds,
        language: "en",
        silences: truth.pauses,
      });
  writeFileSync(cached, JSON.stringify(transcript));
  const layout = await agents.analyseLayout({
    durationSeconds: truth.durationSeconds,
    slideChanges: truth.slideChanges,
    segments: stills.map((still) => ({ thumbnailPath: still, thumbnailKey: null, signals: { motion: 0 } })),
  });
  return { truth, speechPath, transcript, layout };
}
