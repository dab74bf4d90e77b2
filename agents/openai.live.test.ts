import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentAnalysis, Transcript } from "./contracts/artifacts.ts";
import { createAgents } from "./index.ts";
import { threeTopics, typedLecture } from "./testing/lecture-fixture.ts";

const apiKey = process.env.OPENAI_API_KEY;

/** Against the real API; runs only when a key is present and costs a fraction of a cent. */
describe.skipIf(!apiKey)("OpenAI backends, live", () => {
  const agents = createAgents({ openaiApiKey: apiKey, slideReader: null, analysisFallback: false });

  it("transcribes synthesized speech with word timestamps", async () => {
    const dir = mkdtempSync(join(tmpdir(), "live-"));
    try {
      const raw = join(dir, "raw.wav");
      const speechPath = join(dir, "speech.wav");
      execFileSync("espeak-ng", ["-w", raw, "The derivative is defined as a limit. Remember the chain rule."]);
      execFileSync("sox", [raw, "-r", "16000", "-c", "1", "-b", "16", speechPath]);
      const transcript = Transcript.parse(
        await agents.transcribe({ speechPath, durationSeconds: 5, language: "en", silences: [] }),
      );
      const words = transcript.sentences.flatMap((s) => s.words);
      expect(words.map((w) => w.text.toLowerCase()).join(" ")).toMatch(/derivative/);
      expect(words.every((w) => w.end >= w.start && w.end <= 6)).toBe(true);
      expect(transcript.costUsd).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("analyses a short lecture into valid chapters and candidates", async () => {
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = ContentAnalysis.parse(await agents.analyseContent({ durationSeconds, transcript, layout }));
    expect(analysis.backend).toBe("openai");
    expect(analysis.chapters.length).toBeGreaterThanOrEqual(2);
    expect(analysis.candidates.length).toBeGreaterThan(0);
    expect(analysis.usage.inputTokens).toBeGreaterThan(0);
  });
});
