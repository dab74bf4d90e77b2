import type { Word } from "../contracts/artifacts.ts";
import { clamp, roundMs } from "../shared/time-ranges.ts";

const timedLine = /^(\S+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/;

/**
 * Reads the word timings of `pocketsphinx_continuous -time yes`: lines "word start end
 * posterior", absolute seconds, between hypothesis lines. Markers (<s>, </s>, <sil>), fillers
 * ([NOISE], ++UH++) and alternate-pronunciation suffixes ("the(2)") are dropped.
 *
 * @example
 * parsePocketsphinxWords("key 0.140 0.330 0.134387\n") // [{ text: "key", start: 0.14, end: 0.33, confidence: 0.134 }]
 */
export function parsePocketsphinxWords(stdout: string): Word[] {
  const words: Word[] = [];
  for (const line of stdout.split("\n")) {
    const match = timedLine.exec(line.trim());
    if (!match) continue;
    const [, token = "", start = "0", end = "0", posterior = "0"] = match;
    if (/^(<.*>|\[.*\]|\+\+.*\+\+)$/.test(token)) continue;
    words.push({
      text: token.replace(/\(\d+\)$/, ""),
      start: roundMs(Number(start)),
      end: roundMs(Number(end)),
      confidence: Math.round(clamp(Number(posterior), 0, 1) * 1000) / 1000,
    });
  }
  return words;
}

/** The end time of the last timed line seen so far, for progress while the recognizer runs. */
export function lastTimestamp(stdoutChunk: string): number | undefined {
  const ends = [...stdoutChunk.matchAll(/^\S+ \d+(?:\.\d+)? (\d+(?:\.\d+)?) \d/gm)].map((m) => Number(m[1]));
  return ends.at(-1);
}
