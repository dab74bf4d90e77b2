import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePocketsphinxWords } from "./pocketsphinx-output.ts";
import { createPocketsphinxTranscriber } from "./pocketsphinx-transcriber.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "pocketsphinx-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two spoken sentences with a two-second pause between them, as the audio pass would deliver. */
function speechWithPause(): string {
  const say = (text: string, name: string) => {
    execFileSync("espeak-ng", ["-w", join(dir, `${name}.wav`), text]);
    execFileSync("sox", [join(dir, `${name}.wav`), "-r", "16000", "-c", "1", "-b", "16", join(dir, `${name}16.wav`)]);
  };
  say("The key idea is gradient descent.", "first");
  say("Remember the learning rate.", "second");
  execFileSync("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", join(dir, "gap.wav"), "trim", "0", "2"]);
  const out = join(dir, "speech.wav");
  execFileSync("sox", [join(dir, "first16.wav"), join(dir, "gap.wav"), join(dir, "second16.wav"), out]);
  return out;
}

describe("pocketsphinx transcriber", () => {
  it("gives timed words grouped into sentences at the pause", async () => {
    const speechPath = speechWithPause();
    const progress: number[] = [];
    const transcript = await createPocketsphinxTranscriber().transcribe({
      speechPath,
      durationSeconds: 6,
      language: "en",
      silences: [],
      onProgress: (p) => progress.push(p),
    });
    expect(transcript.backend).toBe("pocketsphinx");
    expect(transcript.costUsd).toBe(0);
    expect(transcript.sentences.length).toBe(2);
    const [first, second] = transcript.sentences;
    expect(first?.end).toBeLessThan(2.6);
    expect(second?.start).toBeGreaterThan(3.5);
    for (const sentence of transcript.sentences) {
      for (const word of sentence.words) expect(word.end).toBeGreaterThanOrEqual(word.start);
    }
    expect(progress.at(-1)).toBeGreaterThan(0.5);
  });

  it("fails clearly when the recognizer cannot read the file", async () => {
    await expect(
      createPocketsphinxTranscriber().transcribe({
        speechPath: join(dir, "missing.wav"),
        durationSeconds: 1,
        language: "en",
        silences: [],
      }),
    ).rejects.toThrow(/pocketsphinx_continuous/);
  });
});

describe("parsePocketsphinxWords", () => {
  it("drops markers, fillers and pronunciation variants", () => {
    const stdout = [
      "the key idea",
      "<s> 0.000 0.020 0.999800",
      "the(2) 0.030 0.130 0.154275",
      "[NOISE] 0.140 0.200 1.000000",
      "key 0.210 0.330 1.2",
      "<sil> 0.340 0.900 1.000000",
      "</s> 0.910 1.000 1.000000",
    ].join("\n");
    expect(parsePocketsphinxWords(stdout)).toEqual([
      { text: "the", start: 0.03, end: 0.13, confidence: 0.154 },
      { text: "key", start: 0.21, end: 0.33, confidence: 1 },
    ]);
  });

  it("reads nothing from empty output", () => {
    expect(parsePocketsphinxWords("")).toEqual([]);
  });
});
