import type { Cue } from "./captions.ts";

/**
 * A WebVTT file, cues numbered from 1.
 *
 * @example
 * toWebVtt([{ start: 1, end: 2.5, text: "Hello" }]) // "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\n"
 */
export const toWebVtt = (cues: readonly Cue[]): string =>
  `WEBVTT\n${cues.map((c, i) => `\n${i + 1}\n${timestamp(c.start, ".")} --> ${timestamp(c.end, ".")}\n${c.text}\n`).join("")}`;

/**
 * A SubRip (SRT) file.
 *
 * @example
 * toSrt([{ start: 1, end: 2.5, text: "Hello" }]) // "1\n00:00:01,000 --> 00:00:02,500\nHello\n"
 */
export const toSrt = (cues: readonly Cue[]): string =>
  cues.map((c, i) => `${i + 1}\n${timestamp(c.start, ",")} --> ${timestamp(c.end, ",")}\n${c.text}\n`).join("\n");

/**
 * Cues read back from WebVTT or SRT written by `toWebVtt`/`toSrt` (for checking our own output).
 *
 * @example
 * parseCaptions(toSrt(cues)) // cues, timings to the millisecond
 */
export function parseCaptions(text: string): Cue[] {
  const cues: Cue[] = [];
  const pattern = /(\d+):(\d\d):(\d\d)[.,](\d{3}) --> (\d+):(\d\d):(\d\d)[.,](\d{3})\n((?:[^\n]+\n?)+)/g;
  const seconds = (h = "", m = "", s = "", ms = "") => +h * 3600 + +m * 60 + +s + +ms / 1000;
  for (const m of text.matchAll(pattern)) {
    const body = (m[9] ?? "").trimEnd();
    cues.push({ start: seconds(m[1], m[2], m[3], m[4]), end: seconds(m[5], m[6], m[7], m[8]), text: body });
  }
  return cues;
}

function timestamp(seconds: number, decimalMark: "." | ","): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const [h, m, s] = [Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60];
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimalMark}${pad(ms % 1000, 3)}`;
}
