import type { ContentAnalysis, HighlightSelection, Transcript } from "../../agents/contracts/artifacts.ts";
import { JobOptions } from "../../agents/contracts/job.ts";
import { type Agents, createAgents } from "../../agents/index.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";
import { calculusLecture, lectureScripts } from "../../infra/sample-lecture/scripts.ts";
import { startFakeOpenAI } from "../support/fake-openai-server.ts";
import { type ChapterScore, scoreChapters, summarizeChapters } from "./chapter-scores.ts";
import { evaluateHumanTranscripts } from "./human-eval.ts";
import { coverage, cutsInside, transcriptErrorRate } from "./metrics.ts";
import { oracleChatReply } from "./oracle-llm.ts";
import { type PreparedLecture, prepareLecture } from "./prepare-lecture.ts";
import { segmentationBaselines } from "./segmentation-baselines.ts";

/**
 * `npm run eval`: prints one JSON line of quality numbers, every backend beside baselines
 * computed in the same run (one chapter, an even split and TextTiling given the true count),
 * so a regression shows. Two sets: generated slide lectures with exact ground truth (also
 * analysed without their slides), and real lecture transcripts segmented by people
 * (./transcripts, dev and held-out). Without OPENAI_API_KEY the LLM backend talks to a local
 * fake that answers with the truth (see oracle-llm.ts); with a key, to OpenAI.
 */
const apiKey = process.env.OPENAI_API_KEY;
let currentTruth: GroundTruth | undefined;
const fake = apiKey
  ? null
  : await startFakeOpenAI({ "/v1/chat/completions": { fallback: oracleChatReply(() => currentTruth as GroundTruth) } });
const offline = createAgents();
const online = createAgents({
  openaiApiKey: apiKey ?? "oracle",
  openaiBaseUrl: fake?.baseUrl,
  analysisFallback: false,
});
const specs = [...lectureScripts.map((script) => ({ script, repeat: 0 })), { script: calculusLecture, repeat: 600 }];

type Row = ChapterScore & { coverage: number; midWordCuts: number; midSentenceCuts: number };
const rows: Record<"extractive" | "extractiveWithoutSlides" | "openai", Row[]> = {
  extractive: [],
  extractiveWithoutSlides: [],
  openai: [],
};
const baselineRows: Record<"oneSegment" | "evenSplit" | "textTilingTrueCount", ChapterScore[]> = {
  oneSegment: [],
  evenSplit: [],
  textTilingTrueCount: [],
};
const usage = { seconds: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
const errorRates: number[] = [];

try {
  for (const spec of specs) {
    const lecture = await prepareLecture(spec.script, offline, spec.repeat);
    currentTruth = lecture.truth;
    errorRates.push(transcriptErrorRate(lecture.truth, lecture.transcript));
    const { truth } = lecture;
    const reference = truth.topics.slice(1).map((t) => t.start);
    const baselines = segmentationBaselines(lecture.transcript.sentences, truth.durationSeconds, truth.topics.length);
    for (const [name, hypothesis] of Object.entries(baselines)) {
      baselineRows[name as keyof typeof baselineRows].push(scoreChapters(reference, hypothesis, truth.durationSeconds));
    }
    rows.extractive.push(
      score(lecture, lecture.transcript, await analyse(offline, lecture, lecture.transcript), offline),
    );
    const withoutSlides = await analyse(offline, { ...lecture, layout: null }, lecture.transcript);
    rows.extractiveWithoutSlides.push(score(lecture, lecture.transcript, withoutSlides, offline));
    const transcript = apiKey
      ? (await prepareLecture(spec.script, online, spec.repeat)).transcript
      : lecture.transcript;
    const analysis = await analyse(online, lecture, transcript);
    rows.openai.push(score(lecture, transcript, analysis, online));
    usage.seconds += lecture.truth.durationSeconds;
    usage.inputTokens += analysis.usage.inputTokens;
    usage.outputTokens += analysis.usage.outputTokens;
    usage.costUsd += analysis.usage.costUsd;
  }
} finally {
  await fake?.close();
}
const humanTranscripts = await evaluateHumanTranscripts();

const perHour = (x: number) => Math.round((x * 3600) / usage.seconds);
console.log(
  JSON.stringify({
    lectures: specs.length,
    lectureMinutes: Math.round(usage.seconds / 6) / 10,
    transcription: { backend: "pocketsphinx", wordErrorRate: round(mean(errorRates)) },
    generatedSlideLectures: {
      extractive: summarize(rows.extractive),
      extractiveWithoutSlides: summarize(rows.extractiveWithoutSlides),
      openai: {
        mode: apiKey ? "live" : "fake server, ground-truth replies",
        ...summarize(rows.openai),
        inputTokensPerHour: perHour(usage.inputTokens),
        outputTokensPerHour: perHour(usage.outputTokens),
        costUsdPerHour: round((usage.costUsd * 3600) / usage.seconds, 4),
      },
      baselines: {
        oneSegment: summarizeChapters(baselineRows.oneSegment),
        evenSplitTrueCount: summarizeChapters(baselineRows.evenSplit),
        textTilingTrueCount: summarizeChapters(baselineRows.textTilingTrueCount),
      },
    },
    humanSegmentedTranscripts: humanTranscripts,
  }),
);

function analyse(
  agents: Agents,
  lecture: Omit<PreparedLecture, "layout"> & { layout: PreparedLecture["layout"] | null },
  transcript: Transcript,
): Promise<ContentAnalysis> {
  return agents.analyseContent({ durationSeconds: lecture.truth.durationSeconds, transcript, layout: lecture.layout });
}

function score(lecture: PreparedLecture, transcript: Transcript, analysis: ContentAnalysis, agents: Agents): Row {
  const { truth } = lecture;
  const keys = truth.sentences.filter((s) => s.key);
  const options = JobOptions.parse({
    highlightCount: Math.min(20, keys.length),
    clipMinSeconds: 8,
    clipMaxSeconds: 30,
    reelMaxSeconds: Math.min(1800, 30 * keys.length),
  });
  const pauses = agents.analyseSilence({ durationSeconds: truth.durationSeconds, silences: truth.pauses }).pauses;
  const selection: HighlightSelection = agents.selectHighlights({
    durationSeconds: truth.durationSeconds,
    analysis,
    transcript,
    pauses,
    options,
  });
  const reference = truth.topics.slice(1).map((t) => t.start);
  const hypothesis = analysis.chapters.slice(1).map((c) => c.start);
  return {
    ...scoreChapters(reference, hypothesis, truth.durationSeconds),
    coverage: coverage(keys, selection.highlights),
    midWordCuts: cutsInside(
      selection.highlights,
      transcript.sentences.flatMap((s) => s.words),
    ),
    midSentenceCuts: cutsInside(selection.highlights, truth.sentences),
  };
}

function summarize(list: Row[]) {
  return {
    ...summarizeChapters(list),
    coverage: round(mean(list.map((r) => r.coverage))),
    midWordCuts: list.reduce((sum, r) => sum + r.midWordCuts, 0),
    midSentenceCuts: list.reduce((sum, r) => sum + r.midSentenceCuts, 0),
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function round(x: number, digits = 3): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
