import type OpenAI from "openai";
import type { Chapter, ContentAnalysis, HighlightCandidate } from "../../contracts/artifacts.ts";
import { defaultRetryPolicy, type RetryDeps, type RetryPolicy } from "../../contracts/retry.ts";
import { mapBounded } from "../../shared/bounded-map.ts";
import { chatCostUsd } from "../../shared/pricing.ts";
import { overlapSeconds } from "../../shared/time-ranges.ts";
import { type ContentAnalyser, type ContentInput, defaultClipSeconds } from "../analyser.ts";
import { snapCandidates, snapChapters } from "../snap.ts";
import { fitChapterCount } from "./chapter-count.ts";
import { systemPrompt, windowPrompt } from "./prompt.ts";
import { checkedWindowReply, WindowReply } from "./schema.ts";
import { type StructuredCallUsage, structuredCall } from "./structured-call.ts";
import { transcriptWindows, windowSpan } from "./windows.ts";

/** Windows analysed at once by default: a long lecture's few requests overlap, within rate limits. */
export const defaultAnalysisConcurrency = 3;
/** Lines of the previous window each window sees as context, so it can tell a continued topic. */
const precedingContextSentences = 3;

export type LlmAnalyserOptions = {
  client: OpenAI;
  model?: string;
  /** Transcript tokens per request; longer lectures are analysed window by window. */
  maxTranscriptTokensPerRequest?: number;
  /** Windows whose requests are in flight at once; default `defaultAnalysisConcurrency`. */
  concurrency?: number;
  maxRepairs?: number;
  retry?: RetryPolicy;
  retryDeps?: RetryDeps;
};

/**
 * The LLM analyser: each window of the transcript (with the slides on screen and the previous
 * window's last lines as context) goes to a chat model with structured output, up to
 * `concurrency` windows at once. Each reply is validated against its window's span
 * (./schema.ts), a failed window fails the analysis as one request would (the others are
 * aborted), and the replies are merged in window order (a chapter continued across windows
 * becomes one), snapped to transcript sentences and held to the job's chapter count
 * (./chapter-count.ts); tokens and cost of every request are counted.
 *
 * @example
 * const analyser = createLlmAnalyser({ client: createOpenAIClient({ apiKey, timeoutMs: 120_000 }) });
 * const analysis = await analyser.analyse({ durationSeconds, transcript, layout });
 */
export function createLlmAnalyser(options: LlmAnalyserOptions): ContentAnalyser {
  const model = options.model ?? "gpt-4.1-mini";
  return {
    backend: "openai",
    async analyse(input: ContentInput): Promise<ContentAnalysis> {
      const startedAt = Date.now();
      const usage: StructuredCallUsage = { inputTokens: 0, outputTokens: 0, requests: 0 };
      const windows = transcriptWindows(input.transcript.sentences, options.maxTranscriptTokensPerRequest ?? 12_000);
      const replies = await mapBounded(
        windows,
        options.concurrency ?? defaultAnalysisConcurrency,
        (sentences, index, signal) =>
          structuredCall<WindowReply>({
            client: options.client,
            model,
            messages: [
              { role: "system", content: systemPrompt },
              {
                role: "user",
                content: windowPrompt({
                  lectureTitle: input.title,
                  durationSeconds: input.durationSeconds,
                  window: { index, count: windows.length },
                  sentences,
                  slides: input.layout?.segments ?? [],
                  clipSeconds: input.clipSeconds ?? defaultClipSeconds,
                  precedingSentences: windows[index - 1]?.slice(-precedingContextSentences),
                }),
              },
            ],
            responseSchema: WindowReply,
            validate: checkedWindowReply(windowSpan(windows, index, input.durationSeconds)),
            name: "lecture_window",
            maxRepairs: options.maxRepairs ?? 1,
            retry: options.retry ?? defaultRetryPolicy,
            retryDeps: { ...options.retryDeps, signal },
            usage,
          }),
        input.signal,
      );
      const chapters: Chapter[] = replies.flatMap((reply) => reply.chapters);
      const candidates: HighlightCandidate[] = replies.flatMap((reply) => reply.highlights);
      const sentences = input.transcript.sentences;
      return {
        backend: "openai",
        chapters: fitChapterCount(mergeContinuedChapters(snapChapters(chapters, sentences, input.durationSeconds)), {
          sentences,
          slides: input.layout?.segments ?? [],
          durationSeconds: input.durationSeconds,
          chapters: input.chapters ?? "auto",
        }),
        candidates: withoutDuplicates(snapCandidates(candidates, sentences, input.durationSeconds)),
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          costUsd: chatCostUsd(model, usage.inputTokens, usage.outputTokens),
          model,
          requests: usage.requests,
          elapsedMs: Date.now() - startedAt,
        },
      };
    },
  };
}

function mergeContinuedChapters(chapters: Chapter[]): Chapter[] {
  return chapters.filter(
    (c, i) => i === 0 || c.title.trim().toLowerCase() !== chapters[i - 1]?.title.trim().toLowerCase(),
  );
}

/** Of candidates that mostly cover the same moment, the better-scored one stays. */
function withoutDuplicates(candidates: HighlightCandidate[]): HighlightCandidate[] {
  const kept: HighlightCandidate[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score || a.start - b.start)) {
    const length = candidate.end - candidate.start;
    if (kept.some((k) => overlapSeconds(k, candidate) > 0.5 * Math.min(length, k.end - k.start))) continue;
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
