import { type ExportSource, highlightsInOrder, oneLine } from "./source.ts";
import { frameAt, framesInHours, smpteTimecode, timebase } from "./timecode.ts";

/** The timebase of a lecture without video (or a frame rate on record): EDLs need one anyway. */
const AUDIO_ONLY_FPS = 30;
/** File-based sources have no tape reel; "AX" (auxiliary) is the name editors expect for them. */
const REEL = "AX";
/** CMX3600 lines are at most 80 columns; the title line has 70 characters for the title. */
const MAX_TITLE = 70;

/** CMX3600 is ASCII: other characters are dropped rather than left for an importer to choke on. */
const ascii = (text: string) =>
  oneLine(
    oneLine(text)
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, ""),
  );

/**
 * The highlights as a CMX3600 edit decision list, one cut event each in timeline order: source
 * in/out at the lecture's own frame rate (drop-frame timecode at 29.97 and 59.94), laid end to
 * end on a record timeline from 01:00:00:00, reel `AX` with the uploaded file as the clip name
 * (`* FROM CLIP NAME:`) and the highlight's title as a comment.
 *
 * @example
 * highlightsEdl({ name: "Week 3", sourceFilename: "week3.mp4", frameRate: 25, highlights: [{ start: 100, end: 130, … }] });
 * // "TITLE: Week 3\r\nFCM: NON-DROP FRAME\r\n\r\n001  AX       AA/V  C        00:01:40:00 00:02:10:00 01:00:00:00 01:00:30:00\r\n* FROM CLIP NAME: week3.mp4\r\n…"
 */
export function highlightsEdl(
  source: Pick<ExportSource, "name" | "sourceFilename" | "frameRate" | "highlights">,
): string {
  const base = timebase(source.frameRate ?? AUDIO_ONLY_FPS);
  const track = source.frameRate ? "AA/V" : "AA";
  const lines = [
    `TITLE: ${ascii(source.name).slice(0, MAX_TITLE) || "Highlights"}`,
    `FCM: ${base.dropFrame ? "DROP FRAME" : "NON-DROP FRAME"}`,
    "",
  ];
  let record = framesInHours(1, base);
  const events = highlightsInOrder(source)
    .map((highlight) => ({
      highlight,
      sourceIn: frameAt(highlight.start, base),
      sourceOut: frameAt(highlight.end, base),
    }))
    .filter((event) => event.sourceOut > event.sourceIn); // shorter than a frame: nothing to cut
  events.forEach(({ highlight, sourceIn, sourceOut }, i) => {
    const length = sourceOut - sourceIn;
    const tc = [sourceIn, sourceOut, record, record + length].map((frame) => smpteTimecode(frame, base));
    lines.push(
      `${String(i + 1).padStart(3, "0")}  ${REEL.padEnd(8)} ${track.padEnd(5)} ${"C".padEnd(8)} ${tc.join(" ")}`,
      `* FROM CLIP NAME: ${ascii(source.sourceFilename)}`,
      `* COMMENT: ${ascii(highlight.title)}`,
    );
    record += length;
  });
  return lines.map((line) => `${line}\r\n`).join("");
}
