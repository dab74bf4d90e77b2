import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAI, multipartField, startFakeOpenAI } from "../../test/support/fake-openai-server.ts";
import { createOpenAIClient } from "../shared/openai-client.ts";
import { createOpenAITranscriber } from "./openai-transcriber.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));
const sharedFixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../shared/fixtures/${name}`, import.meta.url), "utf8"));
const noWait = { sleep: async () => {} };
const path = "/v1/audio/transcriptions";

let dir: string;
let speechPath: string;
let fake: FakeOpenAI | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "openai-transcriber-"));
  speechPath = join(dir, "speech.wav");
  execFileSync("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", speechPath, "trim", "0", "6"]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function transcriber(
  baseUrl: string,
  extra: { timeoutMs?: number; maxAttempts?: number; maxUploadBytes?: number; concurrency?: number } = {},
) {
  const client = createOpenAIClient({ apiKey: "test-key", baseUrl, timeoutMs: extra.timeoutMs ?? 5_000 });
  return createOpenAITranscriber({
    client,
    maxUploadBytes: extra.maxUploadBytes,
    concurrency: extra.concurrency,
    uploadFormat: "wav",
    retry: { maxAttempts: extra.maxAttempts ?? 4, baseDelayMs: 1, maxDelayMs: 1 },
    retryDeps: noWait,
  });
}

/** Stands for ffmpeg's cut: a copy of the track per piece, which the transcriber deletes after upload. */
function pieceCopy(range: { start: number; end: number }, index: number, extracted: { start: number; end: number }[]) {
  extracted.push(range);
  const path = join(dir, `piece-${index}.wav`);
  copyFileSync(speechPath, path);
  return Promise.resolve(path);
}

describe("OpenAI transcriber", () => {
  it("splits audio over the upload limit in a pause and merges the pieces' timestamps exactly", async () => {
    fake = await startFakeOpenAI({
      // Pieces upload concurrently, so each answer is chosen by the piece's file, not by arrival order.
      [path]: {
        fallback: (request) => ({
          body: fixture(
            request.body.includes('filename="piece-1.wav"') ? "verbose-piece-2.json" : "verbose-piece-1.json",
          ),
        }),
      },
    });
    const extracted: { start: number; end: number }[] = [];
    const transcript = await transcriber(fake.baseUrl, { maxUploadBytes: 120_000 }).transcribe({
      speechPath,
      durationSeconds: 6,
      language: "en-US",
      silences: [{ start: 3.0, end: 3.4 }],
      extractChunk: async (range, index) => pieceCopy(range, index, extracted),
    });
    expect(extracted).toEqual([
      { start: 0, end: 3.2 },
      { start: 3.2, end: 6 },
    ]);
    expect(transcript.sentences.map((s) => s.text)).toEqual([
      "Gradient descent minimizes a loss.",
      "It follows the slope.",
      "Remember, the learning rate matters!",
    ]);
    const remember = transcript.sentences[2]?.words[0];
    expect(remember).toMatchObject({ text: "Remember,", start: 3.5, end: 4 });
    expect(transcript.sentences[2]?.end).toBe(5.5);
    expect(transcript.costUsd).toBeCloseTo(0.0006, 6);
    expect(transcript.stats).toMatchObject({ model: "whisper-1", chunks: 2, attempts: 2 });
    expect(multipartField(fake.requests[0]?.body ?? "", "response_format")).toBe("verbose_json");
    expect(multipartField(fake.requests[0]?.body ?? "", "language")).toBe("en");
    expect(fake.requests[0]?.body).toContain('name="timestamp_granularities[]"\r\n\r\nword');
  });

  it("uploads pieces concurrently, within the bound, and keeps their order", async () => {
    fake = await startFakeOpenAI({
      [path]: { fallback: () => ({ body: fixture("verbose-piece-1.json"), delayMs: 150 }) },
    });
    const extracted: { start: number; end: number }[] = [];
    const silences = [1, 2, 3, 4, 5].map((at) => ({ start: at - 0.2, end: at + 0.2 }));
    const transcript = await transcriber(fake.baseUrl, { maxUploadBytes: 40_000, concurrency: 2 }).transcribe({
      speechPath,
      durationSeconds: 6,
      language: "en",
      silences,
      extractChunk: async (range, index) => pieceCopy(range, index, extracted),
    });
    expect(fake.requests.length).toBeGreaterThanOrEqual(4);
    expect(fake.maxInFlight()).toBe(2);
    const starts = transcript.sentences.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(extracted.every((_, i) => !existsSync(join(dir, `piece-${i}.wav`)))).toBe(true);
  });

  it("retries on 429 and 500 and then succeeds", async () => {
    fake = await startFakeOpenAI({
      [path]: {
        queue: [
          { status: 429, body: sharedFixture("rate-limited.json"), headers: { "retry-after": "0" } },
          { status: 500, body: sharedFixture("server-error.json") },
          { body: fixture("verbose-piece-1.json") },
        ],
      },
    });
    const transcript = await transcriber(fake.baseUrl).transcribe({
      speechPath,
      durationSeconds: 6,
      language: "en",
      silences: [],
    });
    expect(fake.requests).toHaveLength(3);
    expect(transcript.stats?.attempts).toBe(3);
    expect(transcript.sentences).toHaveLength(2);
  });

  it("gives up on a client error without retrying", async () => {
    fake = await startFakeOpenAI({ [path]: { queue: [{ status: 400, body: { error: { message: "bad audio" } } }] } });
    await expect(
      transcriber(fake.baseUrl).transcribe({ speechPath, durationSeconds: 6, language: "en", silences: [] }),
    ).rejects.toThrow(/bad audio/);
    expect(fake.requests).toHaveLength(1);
  });

  it("times out a call that hangs, retries it, then fails", async () => {
    // The answer would come long after the test's own timeout, so only the client's timeout can end this.
    fake = await startFakeOpenAI({
      [path]: { fallback: () => ({ body: fixture("verbose-piece-1.json"), delayMs: 600_000 }) },
    });
    await expect(
      transcriber(fake.baseUrl, { timeoutMs: 200, maxAttempts: 2 }).transcribe({
        speechPath,
        durationSeconds: 6,
        language: "en",
        silences: [],
      }),
    ).rejects.toThrow(/timed out/i);
    expect(fake.requests).toHaveLength(2);
  });

  it("refuses to upload a track over the limit when it cannot cut pieces", async () => {
    fake = await startFakeOpenAI({});
    await expect(
      transcriber(fake.baseUrl, { maxUploadBytes: 120_000 }).transcribe({
        speechPath,
        durationSeconds: 6,
        language: "en",
        silences: [],
      }),
    ).rejects.toThrow(/extractChunk/);
  });
});
