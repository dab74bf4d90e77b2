import { type ExportSource, oneLine, timedChapters } from "./source.ts";
import { vttTime } from "./timecode.ts";

/** Cue text is HTML-like: these three would start a tag, an entity or end the cue's timing line. */
const escapeCueText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The chapters as a WebVTT file for a `<track kind="chapters">`: one cue each, from its start to
 * the next chapter's (the last to the lecture's end), titled by the chapter. A chapter of no
 * length (two starting together) is left out: a cue must end after it starts.
 *
 * @example
 * vttChapters({ durationSeconds: 120, chapters: [{ start: 0, title: "Intro", summary: "" }] });
 * // "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:02:00.000\nIntro\n"
 */
export function vttChapters(source: Pick<ExportSource, "chapters" | "durationSeconds">): string {
  const cues = timedChapters(source.chapters, source.durationSeconds)
    .filter((chapter) => chapter.end > chapter.start)
    .map(
      (chapter, i) =>
        `chapter-${i + 1}\n${vttTime(chapter.start)} --> ${vttTime(chapter.end)}\n${escapeCueText(oneLine(chapter.title)) || `Chapter ${i + 1}`}\n`,
    );
  return ["WEBVTT\n", ...cues].join("\n");
}
