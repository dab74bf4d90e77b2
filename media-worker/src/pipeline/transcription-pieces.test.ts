import { randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transcript } from "../../../agents/contracts/artifacts.ts";
import type { PieceCheckpoints } from "../../../agents/contracts/pipeline-agents.ts";
import { createPocketsphinxTranscriber } from "../../../agents/transcription/pocketsphinx-transcriber.ts";
import { wordErrorRate } from "../../../test/eval/metrics.ts";
import { startTestS3, type TestS3 } from "../../../test/support/local-s3.ts";
import { normalizedWords, type SpeechTrack, spokenTrack } from "../../../test/support/spoken-track.ts";
import { cutSpeechPiece } from "../ffmpeg/speech-piece.ts";
import { pieceCheckpoints } from "./piece-checkpoints.ts";

let dir: string;
let s3: TestS3;
let track: SpeechTrack;
/** The real recognizer behind a wrapper that logs its pid per run, so runs can be counted and checked. */
let countingBinary: string;
const runsLog = () => join(dir, "runs.log");
const recognizerRuns = () =>
  existsSync(runsLog()) ? readFileSync(runsLog(), "utf8").trim().split("\n").filter(Boolean) : [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lh-pieces-"));
  s3 = await startTestS3();
  track = spokenTrack(dir, 14);
  countingBinary = join(dir, "pocketsphinx-counting");
  writeFileSync(countingBinary, `#!/bin/sh\necho $$ >> '${runsLog()}'\nexec pocketsphinx_continuous "$@"\n`);
  chmodSync(countingBinary, 0o755);
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const words = (t: Transcript) => t.sentences.flatMap((s) => s.words);

function transcribeInPieces(options: { pieces?: PieceCheckpoints; signal?: AbortSignal; concurrency?: number }) {
  const transcriber = createPocketsphinxTranscriber({
    binary: countingBinary,
    maxPieceSeconds: 9,
    concurrency: options.concurrency ?? 2,
  });
  return transcriber.transcribe({
    speechPath: track.path,
    durationSeconds: track.durationSeconds,
    language: "en",
    silences: track.silences,
    extractChunk: (range, index, o) => cutSpeechPiece(track.path, dir, range, index, o),
    pieces: options.pieces,
    signal: options.signal,
  });
}

describe("transcription in pieces with real pocketsphinx and storage", () => {
  it("recognizes two pieces in parallel with the words and timings of one whole run", {
    timeout: 300_000,
  }, async () => {
    const whole = await createPocketsphinxTranscriber({ concurrency: 1 }).transcribe({
      speechPath: track.path,
      durationSeconds: track.durationSeconds,
      language: "en",
      silences: track.silences,
    });
    const pieces = await transcribeInPieces({});
    expect(pieces.stats).toMatchObject({ chunks: 2, attempts: 2, piecesReused: 0 });
    const wer = (t: Transcript) =>
      wordErrorRate(
        track.words,
        words(t).flatMap((w) => normalizedWords(w.text)),
      );
    expect(Math.abs(wer(pieces) - wer(whole))).toBeLessThanOrEqual(0.1);
    const matched = words(pieces).filter((w) =>
      words(whole).some((x) => x.text === w.text && Math.abs(x.start - w.start) <= 0.1),
    );
    expect(matched.length / words(pieces).length).toBeGreaterThanOrEqual(0.85);
    const starts = words(pieces).map((w) => w.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("on a retry recognizes only the pieces the cancelled attempt had not saved", { timeout: 300_000 }, async () => {
    const store = s3.store();
    const jobId = randomUUID();
    const cancel = new AbortController();
    const saved = pieceCheckpoints(store, jobId);
    const cancelAfterFirstPiece: PieceCheckpoints = {
      load: saved.load,
      save: async (index, piece) => {
        await saved.save(index, piece);
        cancel.abort(new Error("worker killed"));
      },
    };
    rmSync(runsLog(), { force: true });
    await expect(
      transcribeInPieces({ pieces: cancelAfterFirstPiece, signal: cancel.signal, concurrency: 1 }),
    ).rejects.toThrow("worker killed");
    expect(recognizerRuns()).toHaveLength(1);

    const retry = await transcribeInPieces({ pieces: pieceCheckpoints(store, jobId) });
    expect(recognizerRuns()).toHaveLength(2);
    expect(retry.stats).toMatchObject({ chunks: 2, attempts: 1, piecesReused: 1 });
    expect(words(retry)[0]?.start).toBeLessThan(2);

    const again = await transcribeInPieces({ pieces: pieceCheckpoints(store, jobId) });
    expect(recognizerRuns()).toHaveLength(2);
    expect(again.stats?.piecesReused).toBe(2);
    expect(again.sentences).toEqual(retry.sentences);
  });

  it("cancel kills every recognizer running in parallel", async () => {
    rmSync(runsLog(), { force: true });
    const cancel = new AbortController();
    const run = transcribeInPieces({ signal: cancel.signal });
    while (recognizerRuns().length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    cancel.abort(new Error("cancelled by the user"));
    await expect(run).rejects.toThrow("cancelled by the user");
    for (const pid of recognizerRuns().map(Number)) expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
