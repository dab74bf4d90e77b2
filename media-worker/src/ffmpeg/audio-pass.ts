import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { runFfmpeg } from "./process.ts";

export type AudioPassOptions = {
  durationSeconds: number;
  /** Level under which audio counts as silence. */
  silenceNoiseDb?: number;
  /** Shortest silence worth reporting; espeak's and people's comma pauses stay below it. */
  silenceMinSeconds?: number;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};
export type AudioPassResult = { silences: TimeRange[]; integratedLoudnessLufs: number | null };

/**
 * One audio-only ffmpeg run (`-vn`: the video is never decoded) that writes the 16 kHz mono
 * WAV for speech recognition and measures silences and integrated loudness on the way.
 *
 * @example
 * const { silences } = await runAudioPass("source.mp4", "speech.wav", { durationSeconds: 1200 });
 * silences[0]; // { start: 0, end: 1.02 }
 */
export async function runAudioPass(
  input: string,
  wavOutput: string,
  options: AudioPassOptions,
): Promise<AudioPassResult> {
  const noise = options.silenceNoiseDb ?? -35;
  const minSeconds = options.silenceMinSeconds ?? 0.35;
  const silences: TimeRange[] = [];
  let openSilence: number | null = null;
  let loudness: number | null = null;
  let inIntegratedSummary = false;
  await runFfmpeg({
    purpose: "audio_pass",
    logLevel: "info",
    inputs: [{ path: input, options: ["-vn", "-sn", "-dn"] }],
    filterGraph: [
      "[0:a:0]asplit=2[forSpeech][forMeters]",
      "[forSpeech]aresample=16000,aformat=sample_fmts=s16:channel_layouts=mono[speech]",
      `[forMeters]silencedetect=noise=${noise}dB:duration=${minSeconds},ebur128=framelog=verbose[metered]`,
    ].join(";"),
    outputs: [
      { path: wavOutput, options: ["-map", "[speech]", "-c:a", "pcm_s16le", "-f", "wav"] },
      { path: "-", options: ["-map", "[metered]", "-f", "null"] },
    ],
    expectedSeconds: options.durationSeconds,
    onProgress: options.onProgress,
    signal: options.signal,
    onLine: (line) => {
      const start = /silence_start: (-?[\d.]+)/.exec(line);
      if (start) openSilence = Math.max(0, Number(start[1]));
      const end = /silence_end: ([\d.]+)/.exec(line);
      if (end && openSilence !== null) {
        silences.push({ start: openSilence, end: Number(end[1]) });
        openSilence = null;
      }
      if (/Integrated loudness:/.test(line)) inIntegratedSummary = true;
      const integrated = /^\s*I:\s+(-?[\d.]+) LUFS/.exec(line);
      if (integrated && inIntegratedSummary) {
        loudness = Number(integrated[1]);
        inIntegratedSummary = false;
      }
    },
  });
  // A silence that runs to the end of the file has a start and no end line.
  if (openSilence !== null && options.durationSeconds - openSilence >= minSeconds) {
    silences.push({ start: openSilence, end: options.durationSeconds });
  }
  return { silences, integratedLoudnessLufs: loudness };
}
