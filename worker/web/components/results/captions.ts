import { parseCaptions, toWebVtt } from "../../../../agents/compilation/caption-formats.ts";
import { h } from "../../dom.ts";

/**
 * A captions <track> for a player. <track> must be same-origin (or CORS-enabled) to load, and
 * the storage is another origin: the captions are fetched and handed over as a blob: URL.
 * `range` cuts the lecture's captions down to one clip, retimed to start at 0.
 */
export async function captionTrack(
  vttUrl: string | null,
  range?: { start: number; end: number },
): Promise<HTMLTrackElement | null> {
  const vtt = vttUrl ? await lectureCaptions(vttUrl) : null;
  if (vtt === null) return null;
  const text = range ? clipCaptions(vtt, range) : vtt;
  const src = URL.createObjectURL(new Blob([text], { type: "text/vtt" }));
  return h("track", { kind: "captions", label: "English", srclang: "en", src, default: true });
}

/** One fetch of the lecture's captions, however many clips are cut from them. */
const fetched = new Map<string, Promise<string | null>>();
function lectureCaptions(url: string): Promise<string | null> {
  if (!fetched.has(url)) {
    const text = fetch(url)
      .then((response) => (response.ok ? response.text() : null))
      .catch(() => null);
    fetched.set(url, text);
  }
  return fetched.get(url)!;
}

/**
 * The cues a clip shows, on the clip's own timeline.
 *
 * @example
 * clipCaptions(toWebVtt([{ start: 10, end: 14, text: "Hi" }]), { start: 12, end: 20 }); // one cue 0 → 2
 */
export function clipCaptions(vtt: string, range: { start: number; end: number }): string {
  const cues = parseCaptions(vtt)
    .filter((cue) => cue.end > range.start && cue.start < range.end)
    .map((cue) => ({
      text: cue.text,
      start: Math.max(0, cue.start - range.start),
      end: Math.min(range.end, cue.end) - range.start,
    }));
  return toWebVtt(cues);
}
