import { captionFiles } from "./compilation/caption-files.ts";
import { type CompilationInput, planCompilation } from "./compilation/plan-compilation.ts";
import type { ContentAnalyser, ContentInput } from "./content/analyser.ts";
import { createExtractiveAnalyser } from "./content/extractive/extractive-analyser.ts";
import { createLlmAnalyser } from "./content/llm/llm-analyser.ts";
import type {
  CompilationPlan,
  ContentAnalysis,
  HighlightSelection,
  LayoutAnalysis,
  Transcript,
} from "./contracts/artifacts.ts";
import { defaultRetryPolicy, type RetryPolicy } from "./contracts/retry.ts";
import { analyseLayout, type LayoutInput } from "./layout/layout-agent.ts";
import { createTesseractReader, type SlideReader } from "./layout/ocr.ts";
import { type SelectionInput, selectHighlights } from "./selection/select-highlights.ts";
import { createOpenAIClient } from "./shared/openai-client.ts";
import { analyseSilence, type SilenceAnalysis, type SilenceInput } from "./silence/silence-agent.ts";
import { createOpenAITranscriber } from "./transcription/openai-transcriber.ts";
import type { PocketsphinxSpeed } from "./transcription/pocketsphinx-speed.ts";
import { createPocketsphinxTranscriber } from "./transcription/pocketsphinx-transcriber.ts";
import type { Transcriber, TranscriptionInput } from "./transcription/transcriber.ts";

export type AgentsConfig = {
  /** With a key, transcription and analysis use OpenAI; without, the offline backends. */
  openaiApiKey?: string;
  /** Any OpenAI-compatible endpoint; defaults to `OPENAI_BASE_URL`, then OpenAI. */
  openaiBaseUrl?: string;
  /** Default "whisper-1": it returns word timestamps. */
  transcriptionModel?: string;
  /** Default "gpt-4.1-mini". */
  analysisModel?: string;
  /** Per upload; default 300 s. */
  transcriptionTimeoutMs?: number;
  /** Speech pieces recognized or uploaded at once; default every core offline, 4 uploads online. */
  transcriptionConcurrency?: number;
  /** pocketsphinx's search settings; `defaultPocketsphinxSpeed` unless given (benchmarks set others). */
  pocketsphinxSpeed?: PocketsphinxSpeed;
  /** Transcript windows analysed at once by the LLM; default 3 (`defaultAnalysisConcurrency`). */
  analysisConcurrency?: number;
  /** Per chat request; default 120 s. */
  analysisTimeoutMs?: number;
  retry?: RetryPolicy;
  /** When OpenAI analysis fails for good, analyse offline instead of failing the job. Default true. */
  analysisFallback?: boolean;
  /** OCR for slide text; tesseract by default, null to skip OCR. */
  slideReader?: SlideReader | null;
};

export type Agents = {
  backends: { transcription: Transcript["backend"]; analysis: ContentAnalysis["backend"] };
  transcribe(input: TranscriptionInput): Promise<Transcript>;
  analyseSilence(input: SilenceInput): SilenceAnalysis;
  analyseLayout(input: LayoutInput): Promise<LayoutAnalysis>;
  analyseContent(input: ContentInput): Promise<ContentAnalysis>;
  selectHighlights(input: SelectionInput): HighlightSelection;
  planCompilation(input: CompilationInput): CompilationPlan;
  captions: typeof captionFiles;
};

/**
 * The agents the media worker calls, with backends chosen by configuration: OpenAI when a key
 * is given, pocketsphinx and the extractive analyser otherwise.
 *
 * @example
 * const agents = createAgents({ openaiApiKey: process.env.OPENAI_API_KEY });
 * const transcript = await agents.transcribe({ speechPath, durationSeconds, language: "en", silences, extractChunk });
 * const analysis = await agents.analyseContent({ durationSeconds, transcript, layout });
 * const plan = agents.planCompilation({ selection: agents.selectHighlights({ durationSeconds, analysis, transcript, options }) });
 * const { lecture, reel } = agents.captions({ transcript, plan });
 */
export function createAgents(config: AgentsConfig = {}): Agents {
  const retry = config.retry ?? defaultRetryPolicy;
  const connection = (timeoutMs: number) => ({
    apiKey: config.openaiApiKey ?? "",
    baseUrl: config.openaiBaseUrl,
    timeoutMs,
  });
  const online = Boolean(config.openaiApiKey);
  const transcriber: Transcriber = online
    ? createOpenAITranscriber({
        client: createOpenAIClient(connection(config.transcriptionTimeoutMs ?? 300_000)),
        model: config.transcriptionModel,
        concurrency: config.transcriptionConcurrency,
        retry,
      })
    : createPocketsphinxTranscriber({ concurrency: config.transcriptionConcurrency, speed: config.pocketsphinxSpeed });
  const offline = createExtractiveAnalyser();
  const analyser: ContentAnalyser = online
    ? createLlmAnalyser({
        client: createOpenAIClient(connection(config.analysisTimeoutMs ?? 120_000)),
        model: config.analysisModel,
        concurrency: config.analysisConcurrency,
        retry,
      })
    : offline;
  const reader = config.slideReader === undefined ? createTesseractReader() : config.slideReader;
  return {
    backends: { transcription: transcriber.backend, analysis: analyser.backend },
    transcribe: (input) => transcriber.transcribe(input),
    analyseSilence,
    analyseLayout: (input) => analyseLayout(input, reader),
    analyseContent: async (input) => {
      try {
        return await analyser.analyse(input);
      } catch (error) {
        if (analyser === offline || config.analysisFallback === false) throw error;
        return offline.analyse(input);
      }
    },
    selectHighlights,
    planCompilation,
    captions: captionFiles,
  };
}

export type { CompilationInput } from "./compilation/plan-compilation.ts";
export type { ContentInput } from "./content/analyser.ts";
export type { RetryPolicy } from "./contracts/retry.ts";
export type { SegmentSignals } from "./layout/classify-layout.ts";
export type { LayoutInput, SegmentEvidence } from "./layout/layout-agent.ts";
export type { OcrLine, SlideReader } from "./layout/ocr.ts";
export type { SelectionInput } from "./selection/select-highlights.ts";
export type { CutPoint, SilenceAnalysis, SilenceInput } from "./silence/silence-agent.ts";
export { planChunks } from "./transcription/chunk-plan.ts";
export type { TranscriptionInput } from "./transcription/transcriber.ts";
