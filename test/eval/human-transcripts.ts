import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Sentence, Transcript } from "../../agents/contracts/artifacts.ts";

/** A lecture transcribed and segmented by people (see transcripts/README.md). */
export type HumanTranscript = {
  name: string;
  split: "dev" | "held-out";
  transcript: Transcript;
  durationSeconds: number;
  /** Start times of the human topic segments after the first. */
  boundaries: number[];
};

const root = fileURLToPath(new URL("./transcripts", import.meta.url));
// A steady pace and a constant pause between sentences: the timing carries no hint of the topics.
const wordSeconds = 0.4;
const pauseSeconds = 0.4;

/**
 * The human-segmented lecture transcripts of one split, timed as if spoken at 150 words a
 * minute with equal pauses, so the segmenter sees only the words.
 *
 * @example
 * loadHumanTranscripts("dev")[0] // { name: "physics-L16", boundaries: [1630.4, …], … }
 */
export function loadHumanTranscripts(split: HumanTranscript["split"]): HumanTranscript[] {
  const dir = join(root, split);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".ref"))
    .sort()
    .map((file) => ({
      name: basename(file, ".ref"),
      split,
      ...parseChoiFormat(readFileSync(join(dir, file), "utf8")),
    }));
}

/** Choi's format: one sentence a line, a line of "==========" between topic segments. */
function parseChoiFormat(text: string) {
  const sentences: Sentence[] = [];
  const boundaries: number[] = [];
  let cursor = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("==========")) {
      if (sentences.length > 0) boundaries.push(cursor);
      continue;
    }
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const words = tokens.map((token, i) => ({
      text: token,
      start: round(cursor + i * wordSeconds),
      end: round(cursor + (i + 0.9) * wordSeconds),
      confidence: 1,
    }));
    sentences.push({ start: words[0]!.start, end: words.at(-1)!.end, text: line.trim(), confidence: 1, words });
    cursor = round(words.at(-1)!.end + pauseSeconds);
  }
  const durationSeconds = cursor;
  return {
    transcript: { backend: "pocketsphinx" as const, language: "en", sentences, costUsd: 0 },
    durationSeconds,
    // The last marker closes the last segment; boundaries are where the next one starts.
    boundaries: boundaries.filter((b) => b > 0 && b < durationSeconds - 1),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
