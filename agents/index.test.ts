import { afterEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI } from "../test/support/fake-openai-server.ts";
import { JobOptions } from "./contracts/job.ts";
import { createAgents } from "./index.ts";
import { threeTopics, typedLecture } from "./testing/lecture-fixture.ts";

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe("createAgents", () => {
  it("works offline without a key, end to end from transcript to reel captions", async () => {
    const agents = createAgents({ slideReader: null });
    expect(agents.backends).toEqual({ transcription: "pocketsphinx", analysis: "extractive" });
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const silence = agents.analyseSilence({ durationSeconds, silences: [] });
    const analysis = await agents.analyseContent({ durationSeconds, transcript, layout });
    const options = JobOptions.parse({ highlightCount: 2, clipMinSeconds: 5, clipMaxSeconds: 15, reelMaxSeconds: 30 });
    const selection = agents.selectHighlights({
      durationSeconds,
      analysis,
      transcript,
      pauses: silence.pauses,
      options,
    });
    expect(selection.highlights).toHaveLength(2);
    const plan = agents.planCompilation({ selection });
    const { reel } = agents.captions({ transcript, plan });
    expect(reel?.webVtt.startsWith("WEBVTT\n\n1\n00:00:00")).toBe(true);
  });

  it("uses OpenAI with a key and falls back to offline analysis when it fails for good", async () => {
    fake = await startFakeOpenAI({
      "/v1/chat/completions": { fallback: () => ({ status: 500, body: { error: {} } }) },
    });
    const agents = createAgents({
      openaiApiKey: "test-key",
      openaiBaseUrl: fake.baseUrl,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      slideReader: null,
    });
    expect(agents.backends).toEqual({ transcription: "openai", analysis: "openai" });
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = await agents.analyseContent({ durationSeconds, transcript, layout });
    expect(fake.requests).toHaveLength(2);
    expect(analysis.backend).toBe("extractive");
  });
});
