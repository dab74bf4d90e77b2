import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Transcript } from "../../agents/contracts/artifacts.ts";
import {
  defaultPocketsphinxSpeed,
  type PocketsphinxSpeed,
  pocketsphinxSpeedPresets,
} from "../../agents/transcription/pocketsphinx-speed.ts";
import { createPocketsphinxTranscriber } from "../../agents/transcription/pocketsphinx-transcriber.ts";
import { cutSpeechPiece } from "../../media-worker/src/ffmpeg/speech-piece.ts";
import { wordErrorRate } from "../eval/metrics.ts";
import { normalizedWords, type SpeechTrack, spokenTrack } from "../support/spoken-track.ts";

/**
 * `npm run bench:asr`: pocketsphinx's speed settings (word error and real-time factor per
 * setting, one recognizer at a time) on synthetic speech, a flite voice or `--voice espeak-ng`
 * (the generated lectures' voice), then one long track recognized as one process
 * (as before pieces) and in pieces on every core. Prints JSON lines; `cpuRtf` counts the
 * recognizers' CPU seconds, which other load on the machine does not inflate as it does wall time.
 * A benchmark reports; it never fails on a slow day.
 *
 * Options: --table-seconds 120 --long-seconds 600 --voice slt|rms|awb|espeak-ng --skip-table --skip-long
 */
const { values } = parseArgs({
  options: {
    "table-seconds": { type: "string", default: "120" },
    "long-seconds": { type: "string", default: "600" },
    voice: { type: "string", default: "slt" },
    "skip-table": { type: "boolean", default: false },
    "skip-long": { type: "boolean", default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), "lh-bench-asr-"));

/** CPU seconds of the recognizers that ended so far: a fair measure on a machine others load. */
function childCpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function recognize(track: SpeechTrack, speed: PocketsphinxSpeed, concurrency: number, pieces: boolean) {
  const started = performance.now();
  const cpuBefore = childCpuSeconds();
  const transcript: Transcript = await createPocketsphinxTranscriber({ speed, concurrency }).transcribe({
    speechPath: track.path,
    durationSeconds: track.durationSeconds,
    language: "en",
    silences: track.silences,
    extractChunk: pieces
      ? (range, index, options) => cutSpeechPiece(track.path, dir, range, index, options)
      : undefined,
  });
  const seconds = (performance.now() - started) / 1000;
  const hypothesis = transcript.sentences.flatMap((s) => s.words.flatMap((w) => normalizedWords(w.text)));
  return {
    wer: Math.round(wordErrorRate(track.words, hypothesis) * 1000) / 1000,
    rtf: Math.round((seconds / track.durationSeconds) * 1000) / 1000,
    cpuRtf: Math.round(((childCpuSeconds() - cpuBefore) / track.durationSeconds) * 1000) / 1000,
    wallSeconds: Math.round(seconds * 10) / 10,
    pieces: transcript.stats?.chunks,
  };
}

try {
  if (!values["skip-table"]) {
    const clip = spokenTrack(dir, Number(values["table-seconds"]), values.voice);
    for (const [setting, speed] of Object.entries(pocketsphinxSpeedPresets)) {
      const result = await recognize(clip, speed, 1, false);
      console.log(
        JSON.stringify({
          table: "speed",
          voice: values.voice,
          audioSeconds: Math.round(clip.durationSeconds),
          setting,
          ...result,
        }),
      );
    }
  }
  if (!values["skip-long"]) {
    const track = spokenTrack(dir, Number(values["long-seconds"]), values.voice);
    const cores = availableParallelism();
    const runs = [
      { mode: "one process (before)", concurrency: 1, pieces: false },
      { mode: `pieces, ${cores} at a time`, concurrency: cores, pieces: true },
    ];
    for (const run of runs) {
      const result = await recognize(track, defaultPocketsphinxSpeed, run.concurrency, run.pieces);
      console.log(
        JSON.stringify({
          table: "long",
          voice: values.voice,
          audioSeconds: Math.round(track.durationSeconds),
          mode: run.mode,
          ...result,
        }),
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
