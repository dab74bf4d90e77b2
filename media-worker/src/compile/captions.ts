import type { TimeRange, Transcript } from "../../../agents/contracts/artifacts.ts";

export type Cue = TimeRange & { text: string };

/** One cue per transcript sentence. */
export const cuesFromTranscript = (transcript: Transcript): Cue[] =>
  transcript.sentences.map((s) => ({ start: s.start, end: s.end, text: s.text.trim() })).filter((c) => c.text);

const clock = (seconds: number, decimalMark: "." | ",") => {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${decimalMark}${pad(ms % 1000, 3)}`;
};

/**
 * WebVTT text of the cues.
 *
 * @example
 * toWebVtt([{ start: 1, end: 2.5, text: "Hello" }]); // "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello\n"
 */
export const toWebVtt = (cues: Cue[]): string =>
  `WEBVTT\n${cues.map((c, i) => `\n${i + 1}\n${clock(c.start, ".")} --> ${clock(c.end, ".")}\n${c.text}\n`).join("")}`;

/**
 * SubRip text of the cues.
 *
 * @example
 * toSrt([{ start: 1, end: 2.5, text: "Hello" }]); // "1\n00:00:01,000 --> 00:00:02,500\nHello\n"
 */
export const toSrt = (cues: Cue[]): string =>
  cues.map((c, i) => `${i + 1}\n${clock(c.start, ",")} --> ${clock(c.end, ",")}\n${c.text}\n`).join("\n");

/**
 * Moves the cues of each source range onto the reel's timeline: a cue keeps the part inside
 * its range, shifted to where that range starts in the reel. Slivers under `minSeconds` left
 * by the cut are dropped.
 *
 * @example
 * retimeCues(cues, [{ start: 60, end: 90 }], [0]); // cues of 60–90 s now at 0–30 s
 */
export function retimeCues(cues: Cue[], ranges: TimeRange[], offsets: number[], minSeconds = 0.2): Cue[] {
  return ranges.flatMap((range, i) =>
    cues
      .filter((c) => c.end > range.start && c.start < range.end)
      .map((c) => ({
        start: Math.max(c.start, range.start) - range.start + offsets[i]!,
        end: Math.min(c.end, range.end) - range.start + offsets[i]!,
        text: c.text,
      }))
      .filter((c) => c.end - c.start >= minSeconds),
  );
}

/** Parses WebVTT or SRT cue timings back (for tests and for checking our own output). */
export function parseCaptions(text: string): Cue[] {
  const cues: Cue[] = [];
  const pattern = /(\d+):(\d\d):(\d\d)[.,](\d{3}) --> (\d+):(\d\d):(\d\d)[.,](\d{3})\n([^\n]+)/g;
  const seconds = (h: string, m: string, s: string, ms: string) => +h * 3600 + +m * 60 + +s + +ms / 1000;
  for (const m of text.matchAll(pattern)) {
    cues.push({ start: seconds(m[1]!, m[2]!, m[3]!, m[4]!), end: seconds(m[5]!, m[6]!, m[7]!, m[8]!), text: m[9]! });
  }
  return cues;
}
