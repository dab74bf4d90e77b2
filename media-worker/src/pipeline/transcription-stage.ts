import { existsSync } from "node:fs";
import { type AudioAnalysis, type ProbeResult, Transcript } from "../../../agents/contracts/artifacts.ts";
import { speechTrackPath } from "./audio-stage.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

/** Transcription by the agents, from the speech track (fetched back when resuming). */
export const transcriptionStage = (context: PipelineContext, probe: ProbeResult, audio: AudioAnalysis) =>
  runStage(context, "transcription", Transcript, async ({ signal, onProgress }) => {
    const path = speechTrackPath(context);
    if (!existsSync(path)) await context.store.download(audio.speechTrackKey, path, signal);
    return context.agents.transcribe({
      speechTrackPath: path,
      audio,
      probe,
      language: context.options.language,
      signal,
      onProgress,
    });
  });
