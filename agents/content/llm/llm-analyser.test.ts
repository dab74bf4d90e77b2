import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  type FakeOpenAI,
  type FakeReply,
  type RecordedRequest,
  startFakeOpenAI,
} from "../../../test/support/fake-openai-server.ts";
import { ContentAnalysis } from "../../contracts/artifacts.ts";
import { createOpenAIClient } from "../../shared/openai-client.ts";
import { threeTopics, typedLecture } from "../../testing/lecture-fixture.ts";
import { createLlmAnalyser } from "./llm-analyser.ts";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const reply = (name: string): FakeReply => ({ body: read(`./fixtures/${name}`) });
const path = "/v1/chat/completions";
const lecture = typedLecture(threeTopics);
const input = { durationSeconds: lecture.durationSeconds, transcript: lecture.transcript, layout: lecture.layout };

let fake: FakeOpenAI | undefined;
type SentMessage = { role: string; content: string };
const sentMessages = (index: number): SentMessage[] =>
  (fake?.requests[index]?.json as { messages?: SentMessage[] } | undefined)?.messages ?? [];
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** The window a chat request is for (1-based), read from the part line of its prompt. */
const partOf = (request: RecordedRequest) =>
  Number(/This is part (\d+) of/.exec(JSON.stringify(request.json))?.[1] ?? Number.NaN);

/** Answers each window from its own fixture, whatever order the concurrent requests arrive in. */
const byPart =
  (replies: FakeReply[]) =>
  (request: RecordedRequest): FakeReply =>
    replies[partOf(request) - 1] ?? { status: 400, body: { error: { message: "no such part" } } };

/** A recorded completion's envelope around another reply of the model. */
const completion = (content: unknown, delayMs?: number): FakeReply => {
  const body = read("./fixtures/window-1.json");
  body.choices[0].message.content = JSON.stringify(content);
  return { body, delayMs };
};

async function analyserFor(
  replies: FakeReply[] | ((request: RecordedRequest) => FakeReply),
  options: { maxTranscriptTokensPerRequest?: number; timeoutMs?: number; concurrency?: number } = {},
) {
  fake = await startFakeOpenAI({
    [path]: typeof replies === "function" ? { fallback: replies } : { queue: replies },
  });
  return createLlmAnalyser({
    client: createOpenAIClient({ apiKey: "test-key", baseUrl: fake.baseUrl, timeoutMs: options.timeoutMs ?? 5_000 }),
    maxTranscriptTokensPerRequest: options.maxTranscriptTokensPerRequest,
    concurrency: options.concurrency,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    retryDeps: { sleep: async () => {} },
  });
}

describe("LLM analyser", () => {
  it("snaps the model's times to sentences within the media and counts cost", async () => {
    const analyser = await analyserFor([reply("whole-lecture.json")]);
    const analysis = ContentAnalysis.parse(await analyser.analyse(input));
    const s = lecture.transcript.sentences;
    expect(analysis.chapters.map((c) => c.start)).toEqual([0, ...lecture.layout.slideChanges]);
    expect(analysis.candidates.map((c) => [c.start, c.end])).toEqual([
      [s[2]?.start, s[3]?.end],
      [s[5]?.start, s[6]?.end],
      [s[9]?.start, s[11]?.end],
    ]);
    expect(analysis.candidates[2]?.score).toBe(1);
    expect(analysis.usage).toMatchObject({ inputTokens: 1412, outputTokens: 398, model: "gpt-4.1-mini", requests: 1 });
    expect(analysis.usage.costUsd).toBeCloseTo((1412 * 0.4 + 398 * 1.6) / 1e6, 9);
    const request = fake?.requests[0]?.json as { response_format: { type: string }; messages: { content: string }[] };
    expect(request.response_format.type).toBe("json_schema");
    expect(request.messages[1]?.content).toContain("<transcript>\n[1.0-4.1] Today we study");
    expect(request.messages[1]?.content).toContain("[19.4] Sorting Algorithms | Merge sort splits lists");
  });

  it("meets a requested chapter count: merges the shortest, splits the longest with a title from its words", async () => {
    const fewer = await (await analyserFor([reply("whole-lecture.json")])).analyse({ ...input, chapters: 2 });
    expect(fewer.chapters).toHaveLength(2);
    expect(fewer.chapters[0]?.start).toBe(0);
    await fake?.close();
    const more = await (await analyserFor([reply("whole-lecture.json")])).analyse({ ...input, chapters: 5 });
    expect(more.chapters).toHaveLength(5);
    const starts = more.chapters.map((c) => c.start);
    expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
    expect(more.chapters.map((c) => c.title).slice(0, 1)).toEqual(["Rates of Change"]);
    for (const chapter of more.chapters) expect(chapter.title.length).toBeGreaterThan(2);
    expect(ContentAnalysis.parse(more).chapters).toHaveLength(5);
  });

  it("analyses a long transcript window by window and joins a chapter continued across windows", async () => {
    const analyser = await analyserFor(byPart([reply("window-1.json"), reply("window-2.json")]), {
      maxTranscriptTokensPerRequest: 140,
    });
    const analysis = await analyser.analyse(input);
    expect(fake?.requests).toHaveLength(2);
    const second = fake?.requests.find((r) => partOf(r) === 2);
    const prompt = (second?.json as { messages?: SentMessage[] } | undefined)?.messages?.[1]?.content;
    // The second window sees the first one's last lines as context, since both are asked at once.
    expect(prompt).toContain("<preceding_transcript>\n[15.6-18.4] Velocity compares distance");
    expect(prompt).toContain(
      "[24.8-29.1] Merge sort splits the list into halves and merges sorted halves\n</preceding_transcript>",
    );
    expect(prompt).toContain("do not start a chapter at 29.9");
    expect(analysis.chapters.map((c) => c.title)).toEqual(["Rates of Change", "Sorting Algorithms", "Photosynthesis"]);
    expect(analysis.candidates).toHaveLength(3);
    expect(analysis.usage).toMatchObject({ inputTokens: 1433, outputTokens: 430, requests: 2 });
  });

  it("retries on 429 and 500", async () => {
    const errors = (name: string, status: number): FakeReply => ({
      status,
      body: read(`../../shared/fixtures/${name}`),
    });
    const analyser = await analyserFor([
      errors("rate-limited.json", 429),
      errors("server-error.json", 500),
      reply("whole-lecture.json"),
    ]);
    const analysis = await analyser.analyse(input);
    expect(fake?.requests).toHaveLength(3);
    expect(analysis.usage.requests).toBe(3);
  });

  it("repairs a reply that is not JSON by asking again with the problem", async () => {
    const analyser = await analyserFor([reply("not-json.json"), reply("whole-lecture.json")]);
    const analysis = await analyser.analyse(input);
    expect(analysis.candidates).toHaveLength(3);
    const repair = sentMessages(1);
    expect(repair.at(-1)?.content).toMatch(/not parseable JSON/);
    expect(analysis.usage.inputTokens).toBe(2824);
  });

  it("rejects output that still fails validation after the repair", async () => {
    const analyser = await analyserFor([reply("schema-violation.json"), reply("schema-violation.json")]);
    await expect(analyser.analyse(input)).rejects.toThrow(
      /invalid lecture_window after 2 replies: highlights\.0\.start/,
    );
    const repair = sentMessages(1).at(-1)?.content;
    expect(repair).toMatch(/highlights\.0\.start/);
  });

  it("times out a call that hangs", async () => {
    const slow = { ...reply("whole-lecture.json"), delayMs: 2_000 };
    const analyser = await analyserFor([slow, slow, slow], { timeoutMs: 150 });
    await expect(analyser.analyse(input)).rejects.toThrow(/timed out/i);
    expect(fake?.requests).toHaveLength(3);
  });
});

/** Four windows of three sentences (70 transcript tokens each), each answered from its own reply. */
const quarterReplies = [
  {
    chapters: [{ start: 1.0, title: "Rates of Change", summary: "Velocity and instant rates." }],
    highlights: [highlight(9.28, 14.82, "Instant Rates as Limits")],
  },
  {
    chapters: [{ start: 20.46, title: "Sorting Algorithms", summary: "Putting items in order." }],
    highlights: [highlight(24.8, 29.14, "Merge Sort Halves")],
  },
  {
    chapters: [{ start: 39.92, title: "Photosynthesis", summary: "Plants turn light into energy." }],
    highlights: [highlight(29.94, 37.82, "Quick Sort Partitions")],
  },
  { chapters: [], highlights: [highlight(43.86, 48.6, "Defining Photosynthesis")] },
];

function highlight(start: number, end: number, title: string) {
  return { start, end, title, summary: `${title}.`, keyPhrases: [title], score: 0.8, reason: "A key idea." };
}

describe("LLM analyser windows at once", () => {
  const quarters = { maxTranscriptTokensPerRequest: 70 };
  /** Later windows answer sooner, so the order of the answers is the reverse of the windows'. */
  const lateAnswers = byPart(quarterReplies.map((content, i) => completion(content, 200 * (4 - i))));

  it("keeps up to the concurrency limit of windows in flight and merges them in window order", async () => {
    const analysis = await (await analyserFor(lateAnswers, { ...quarters, concurrency: 3 })).analyse(input);
    expect(fake?.requests).toHaveLength(4);
    expect(fake?.maxInFlight()).toBe(3);
    expect(analysis.chapters.map((c) => c.title)).toEqual(["Rates of Change", "Sorting Algorithms", "Photosynthesis"]);
    expect(analysis.candidates.map((c) => c.title)).toEqual([
      "Instant Rates as Limits",
      "Merge Sort Halves",
      "Quick Sort Partitions",
      "Defining Photosynthesis",
    ]);
    // window-1.json's usage, once per request.
    expect(analysis.usage).toMatchObject({ inputTokens: 4 * 702, outputTokens: 4 * 190, requests: 4 });
  });

  it("sends one window at a time with a limit of 1, and three at once by default", async () => {
    await (await analyserFor(lateAnswers, { ...quarters, concurrency: 1 })).analyse(input);
    expect(fake?.maxInFlight()).toBe(1);
    await fake?.close();
    await (await analyserFor(lateAnswers, quarters)).analyse(input);
    expect(fake?.maxInFlight()).toBe(3);
  });

  it("retries a failing window as one request would, then fails the analysis and stops the others", async () => {
    const failing = byPart([
      ...quarterReplies.slice(0, 1).map((content) => completion(content, 1_000)),
      { status: 500, body: read("../../shared/fixtures/server-error.json") },
      ...quarterReplies.slice(2).map((content) => completion(content)),
    ]);
    const analyser = await analyserFor(failing, { ...quarters, concurrency: 2 });
    await expect(analyser.analyse(input)).rejects.toThrow();
    const second = fake?.requests.filter((r) => partOf(r) === 2) ?? [];
    expect(second).toHaveLength(3);
    // The first window was still being answered: the failure aborted it and started no other.
    expect(fake?.requests.filter((r) => partOf(r) > 2)).toHaveLength(0);
  });
});
