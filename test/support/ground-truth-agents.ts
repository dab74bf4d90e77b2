import { captionFiles } from "../../agents/compilation/caption-files.ts";
import { planCompilation } from "../../agents/compilation/plan-compilation.ts";
import type { Transcript } from "../../agents/contracts/artifacts.ts";
import type { PipelineAgents } from "../../agents/contracts/pipeline-agents.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";

export type AgentCallCounts = Record<keyof PipelineAgents, number>;

/**
 * A TEST DOUBLE of the agents (the real ones live in `agents/`, pure TypeScript): decisions
 * read straight from a fixture's ground truth, deterministic, so pipeline tests check the media
 * worker's measuring and rendering, not the quality of decisions. One highlight per topic; the
 * edit list and captions are the real ones from `agents/compilation/`.
 *
 * @example
 * const { agents, calls } = groundTruthAgents(truth); await runPipeline(spec, { agents, ... });
 */
export function groundTruthAgents(
  truth: GroundTruth,
  options: { fadeSeconds?: number; selectDelayMs?: number } = {},
): { agents: PipelineAgents; calls: AgentCallCounts } {
  const fadeSeconds = options.fadeSeconds ?? 0.5;
  const calls: AgentCallCounts = { transcribe: 0, describeSlides: 0, analyse: 0, select: 0, plan: 0, captions: 0 };
  const topicRange = (index: number) => {
    const sentences = truth.sentences.filter((s) => s.topicIndex === index);
    return { start: Math.max(0, sentences[0]!.start - 0.3), end: sentences.at(-1)!.end + 0.3 };
  };
  const agents: PipelineAgents = {
    async transcribe() {
      calls.transcribe++;
      const sentences: Transcript["sentences"] = truth.sentences.map((s) => ({
        start: s.start,
        end: s.end,
        text: s.text,
        confidence: 1,
        words: [],
      }));
      return { backend: "pocketsphinx", language: "en", sentences, costUsd: 0 };
    },
    async describeSlides({ segments }) {
      calls.describeSlides++;
      return segments.map((segment) => ({
        layout: "slides" as const,
        text: null,
        title: truth.topics.find((t) => t.start <= segment.start + 0.5 && segment.start + 0.5 < t.end)?.title ?? null,
      }));
    },
    async analyse() {
      calls.analyse++;
      return {
        backend: "extractive",
        chapters: truth.topics.map((t) => ({ start: t.start, title: t.title, summary: t.title })),
        candidates: truth.topics
          .map((t, i) => ({ t, i }))
          .filter(({ i }) => truth.sentences.some((s) => s.topicIndex === i))
          .map(({ t, i }) => ({
            ...topicRange(i),
            title: t.title,
            summary: t.title,
            keyPhrases: [],
            score: truth.sentences.some((s) => s.topicIndex === i && s.key) ? 0.9 : 0.5,
            reason: "one candidate per topic (test double)",
          })),
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      };
    },
    async select({ analysis, options: jobOptions, signal }) {
      calls.select++;
      // Lets a test hold a job mid-way (cancel, shutdown) without timing races.
      if (options.selectDelayMs) await abortableSleep(options.selectDelayMs, signal);
      const chosen = [...analysis.candidates]
        .sort((a, b) => b.score - a.score)
        .slice(0, jobOptions.highlightCount)
        .sort((a, b) => a.start - b.start);
      return {
        highlights: chosen.map(({ reason: _reason, ...c }) => ({
          ...c,
          chapterIndex: Math.max(
            0,
            analysis.chapters.findLastIndex((ch) => ch.start <= c.start),
          ),
        })),
      };
    },
    async plan({ selection, probe }) {
      calls.plan++;
      return planCompilation({ selection, fadeSeconds, fps: probe.video?.fps ?? null });
    },
    async captions(input) {
      calls.captions++;
      return captionFiles(input);
    },
  };
  return { agents, calls };
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
