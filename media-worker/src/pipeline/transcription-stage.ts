import { existsSync } from "node:fs";
import { type AudioAnalysis, type ProbeResult, Transcript } from "../../../agents/contracts/artifacts.ts";
import { log } from "../log.ts";
import { speechTrackPath } from "./audio-stage.ts";
import type { PipelineContext } from "./context.ts";
import { pieceCheckpoints } from "./piece-checkpoints.ts";
import { runStage } from "./stage-runner.ts";

/**
 * Transcription by the agents, from the speech track (fetched back when resuming); each
 * recognized piece is checkpointed on its own, so a retry redoes only unfinished pieces.
 */
export const transcriptionStage = (context: PipelineContext, probe: ProbeResult, audio: AudioAnalysis) =>
  runStage(context, "transcription", Transcript, async ({ signal, onProgress }) => {
    const path = speechTrackPath(context);
    if (!existsSync(path)) await context.store.download(audio.speechTrackKey, path, signal);
    const transcript = await context.agents.transcribe({
      speechTrackPath: path,
      audio,
      probe,
      language: context.options.language,
      pieces: pieceCheckpoints(context.store, context.jobId, signal),
      signal,
      onProgress,
    });
    const { chunks: pieces, piecesReused } = transcript.stats ?? {};
    log.info("transcription pieces", { jobId: context.jobId, attempt: context.attempt, pieces, piecesReused });
    return transcript;
  });
