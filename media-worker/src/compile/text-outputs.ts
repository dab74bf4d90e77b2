import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Chapter, ResultManifest, Transcript } from "../../../agents/contracts/artifacts.ts";
import type { CaptionFiles } from "../../../agents/contracts/pipeline-agents.ts";

type Upload = (name: string, path: string, contentType: string) => Promise<string>;
export type TextOutputs = Pick<ResultManifest, "transcript" | "reelCaptions">;

/**
 * Writes and uploads the text outputs: the transcript (JSON, WebVTT, SRT), the reel's
 * captions (when there is a reel) and the chapters.
 *
 * @example
 * const { transcript, reelCaptions } = await writeTextOutputs({ transcript, chapters, captions, workDir, upload });
 */
export async function writeTextOutputs(input: {
  transcript: Transcript;
  chapters: Chapter[];
  /** Written by the agents; the reel's are on the reel's timeline, null without a reel. */
  captions: CaptionFiles;
  workDir: string;
  upload: Upload;
}): Promise<TextOutputs> {
  const text = async (name: string, body: string, type: string) => {
    const path = join(input.workDir, name.replaceAll("/", "-"));
    await writeFile(path, body);
    return input.upload(name, path, type);
  };
  const { lecture, reel } = input.captions;
  const transcript = {
    jsonKey: await text("transcript.json", JSON.stringify(input.transcript), "application/json"),
    vttKey: await text("captions/lecture.vtt", lecture.webVtt, "text/vtt"),
    srtKey: await text("captions/lecture.srt", lecture.srt, "application/x-subrip"),
  };
  const reelCaptions: TextOutputs["reelCaptions"] = reel && {
    vttKey: await text("captions/reel.vtt", reel.webVtt, "text/vtt"),
    srtKey: await text("captions/reel.srt", reel.srt, "application/x-subrip"),
  };
  await text("chapters.json", JSON.stringify(input.chapters), "application/json");
  return { transcript, reelCaptions };
}
