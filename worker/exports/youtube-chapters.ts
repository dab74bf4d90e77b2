import { TooFewChaptersError } from "../errors/problem.ts";
import { type ExportSource, oneLine } from "./source.ts";
import { clockTime } from "./timecode.ts";

/** YouTube's rules for chapters in a description. */
const MIN_CHAPTERS = 3;
const MIN_CHAPTER_SECONDS = 10;

/**
 * The chapters as YouTube reads them from a video's description: one `0:00 Title` line each,
 * ascending, the first at 0:00 (the first chapter is moved there: what comes before it belongs
 * to it), each at least 10 s long. A chapter starting less than 10 s after the one before is
 * folded into that one, and a last chapter shorter than 10 s into the one before it. YouTube
 * ignores the lines when fewer than 3 chapters are left, so then this throws
 * `TooFewChaptersError` (422 `too_few_chapters`) instead of text that would show no chapters.
 *
 * @example
 * youtubeChapters({ durationSeconds: 600, chapters: [{ start: 5, title: "Intro" }, …] });
 * // "0:00 Intro\n2:00 Limits\n6:30 Derivatives\n"
 */
export function youtubeChapters(source: Pick<ExportSource, "chapters" | "durationSeconds">): string {
  const end = Math.floor(source.durationSeconds);
  const kept: { at: number; title: string }[] = [];
  for (const chapter of source.chapters.toSorted((a, b) => a.start - b.start)) {
    const at = kept.length === 0 ? 0 : Math.floor(chapter.start);
    const previous = kept.at(-1);
    if (previous && at - previous.at < MIN_CHAPTER_SECONDS) continue;
    kept.push({ at, title: oneLine(chapter.title) || `Chapter ${kept.length + 1}` });
  }
  while (kept.length > 1 && end - kept.at(-1)!.at < MIN_CHAPTER_SECONDS) kept.pop();
  if (kept.length < MIN_CHAPTERS || end < MIN_CHAPTER_SECONDS) throw new TooFewChaptersError(kept.length);
  return kept.map((chapter) => `${clockTime(chapter.at)} ${chapter.title}\n`).join("");
}
