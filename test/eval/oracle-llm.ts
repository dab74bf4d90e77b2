import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import type { FakeReply, RecordedRequest } from "../support/fake-openai-server.ts";

/**
 * Stands in for the chat model when no key is set: answers each window request with the
 * ground truth inside the window (topic starts, key statements), in the model's reply format,
 * with token usage counted from the real request and reply sizes. It measures everything
 * around the model (prompting, windowing, snapping, selection, cost accounting), not the
 * model's judgement.
 */
export function oracleChatReply(truthOf: () => GroundTruth) {
  return (request: RecordedRequest): FakeReply => {
    const truth = truthOf();
    const messages = (request.json as { messages: { content: string }[] }).messages;
    const prompt = messages.map((m) => m.content).join("\n");
    const window = /covering ([\d.]+)–([\d.]+) s/.exec(prompt);
    const [from, to] = [Number(window?.[1] ?? 0), Number(window?.[2] ?? truth.durationSeconds)];
    const inside = (t: number) => t >= from - 1 && t <= to + 1;
    const chapters = truth.topics
      .filter((t) => inside(t.start) || (t.start < from && t.end > from))
      .map((t) => ({ start: Math.max(t.start, from), title: t.title, summary: `About ${t.title.toLowerCase()}.` }));
    const keyStatements = truth.sentences.filter((s) => s.key && inside(s.start));
    // Titles differ, as the reply's check requires: a topic's second key statement is "… (2)".
    const titleOf = (s: (typeof keyStatements)[number], i: number) => {
      const topic = truth.topics[s.topicIndex]?.title ?? "Key point";
      const earlier = keyStatements.slice(0, i).filter((o) => o.topicIndex === s.topicIndex).length;
      return earlier === 0 ? topic : `${topic} (${earlier + 1})`;
    };
    const highlights = keyStatements.map((s, i) => ({
      start: s.start,
      end: s.end,
      title: titleOf(s, i),
      summary: s.text,
      keyPhrases: s.text.split(" ").slice(0, 3),
      score: 0.9,
      reason: "A key statement of the lecture.",
    }));
    const content = JSON.stringify({ chapters, highlights });
    return {
      body: {
        id: "chatcmpl-oracle",
        object: "chat.completion",
        created: 0,
        model: "oracle",
        choices: [
          { index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop", logprobs: null },
        ],
        usage: {
          prompt_tokens: Math.ceil(prompt.length / 4) + 350,
          completion_tokens: Math.ceil(content.length / 4),
          total_tokens: 0,
        },
      },
    };
  };
}
