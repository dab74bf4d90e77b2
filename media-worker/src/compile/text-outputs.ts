import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Chapter, ResultManifest, TimeRange, Transcript } from "../../../agents/contracts/artifacts.ts";
import { cuesFromTranscript, retimeCues, toSrt, toWebVtt } from "./captions.ts";

type Upload = (name: string, path: string, contentType: string) => Promise<string>;
export type TextOutputs = Pick<ResultManifest, "transcript" | "reelCaptions">;

/**
 * Writes and uploads the text outputs: the transcript (JSON, WebVTT, SRT), the reel's
 * captions retimed onto the reel (when there is a reel) and the chapters.
 *
 * @example
 * const { transcript, reelCaptions } = await writeTextOutputs({ transcript, chapters, reel, workDir, upload });
 */
export async function writeTextOutputs(input: {
  transcript: Transcript;
  chapters: Chapter[];
  /** Source ranges in reel order and where each starts on the reel; null without a reel. */
  reel: { ranges: TimeRange[]; offsets: number[] } | null;
  workDir: string;
  upload: Upload;
}): Promise<TextOutputs> {
  const text = async (name: string, body: string, type: string) => {
    const path = join(input.workDir, name.replaceAll("/", "-"));
    await writeFile(path, body);
    return input.upload(name, path, type);
  };
  const cues = cuesFromTranscript(input.transcript);
  const transcript = {
    jsonKey: await text("transcript.json", JSON.stringify(input.transcript), "application/json"),
    vttKey: await text("captions/lecture.vtt", toWebVtt(cues), "text/vtt"),
    srtKey: await text("captions/lecture.srt", toSrt(cues), "application/x-subrip"),
  };
  let reelCaptions: TextOutputs["reelCaptions"] = null;
  if (input.reel) {
    const reelCues = retimeCues(cues, input.reel.ranges, input.reel.offsets);
    reelCaptions = {
      vttKey: await text("captions/reel.vtt", toWebVtt(reelCues), "text/vtt"),
      srtKey: await text("captions/reel.srt", toSrt(reelCues), "application/x-subrip"),
    };
  }
  await text("chapters.json", JSON.stringify(input.chapters), "application/json");
  return { transcript, reelCaptions };
}
