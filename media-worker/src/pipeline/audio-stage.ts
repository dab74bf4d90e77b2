import { join } from "node:path";
import { AudioAnalysis, type ProbeResult } from "../../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { runAudioPass } from "../ffmpeg/audio-pass.ts";
import type { PipelineContext } from "./context.ts";
import { runStage } from "./stage-runner.ts";

export const speechTrackPath = (context: PipelineContext) => join(context.scratchDir, "speech-16k.wav");

/** Audio pass: the 16 kHz mono WAV, silences and loudness from one audio-only ffmpeg run. */
export const audioStage = (context: PipelineContext, probe: ProbeResult) =>
  runStage(context, "audio", AudioAnalysis, async ({ signal, onProgress }) => {
    const wav = speechTrackPath(context);
    const pass = await runAudioPass(await context.source(), wav, {
      durationSeconds: probe.durationSeconds,
      onProgress: (f) => onProgress(f * 0.9),
      signal,
    });
    const key = storageKeys.speechTrack(context.jobId);
    await context.store.upload(key, wav, "audio/wav", signal);
    return { speechTrackKey: key, ...pass };
  });
