import { stat } from "node:fs/promises";
import type { ProbeResult } from "../../../agents/contracts/artifacts.ts";
import { plainJobErrorMessages } from "../../../agents/contracts/job.ts";
import { JobFailure } from "../job-failure.ts";
import { FfmpegError, runFfmpeg, runFfprobe } from "./process.ts";

type ProbeStream = {
  codec_type?: string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  disposition?: { attached_pic?: number };
};
type ProbeOutput = { streams?: ProbeStream[]; format?: { format_name?: string; duration?: string; size?: string } };

const rate = (fraction: string | undefined) => {
  const [num, den] = (fraction ?? "0/1").split("/").map(Number);
  return den ? (num ?? 0) / den : 0;
};

/**
 * Probes an input and rejects what is not a usable lecture, each with its own code: empty file
 * or zero duration (input_empty), not media (input_not_media), no audio (input_no_audio),
 * unreadable or truncated (input_undecodable), over the limit (input_too_long).
 *
 * @example
 * const probe = await probeMedia("/scratch/job/source.mp4", { maxDurationSeconds: 14400 });
 * probe.video?.keyframeIntervalSeconds; // 4
 */
export async function probeMedia(
  path: string,
  options: { maxDurationSeconds: number; signal?: AbortSignal },
): Promise<ProbeResult> {
  const { size } = await stat(path);
  if (size === 0) throw new JobFailure("input_empty", "the file is empty");
  const output = (await runFfprobe(["-show_format", "-show_streams", path], options.signal).catch((error) => {
    if (!(error instanceof FfmpegError)) throw error;
    const code = /Invalid data found/.test(error.stderrTail) ? "input_not_media" : "input_undecodable";
    throw new JobFailure(code, plainJobErrorMessages[code], { cause: error });
  })) as ProbeOutput;
  const streams = output.streams ?? [];
  // A demuxer picked by the file's extension "finds" a stream in random bytes, with no sample
  // rate and no channels: only a stream with real parameters makes the file media.
  const audio = streams.find((s) => s.codec_type === "audio" && Number(s.sample_rate) > 0 && (s.channels ?? 0) > 0);
  const video = streams.find(
    (s) => s.codec_type === "video" && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0,
  );
  if (!audio && !video) {
    // A container that parsed with no streams at all is empty; one whose streams are hollow is not media.
    const code = streams.length === 0 ? "input_empty" : "input_not_media";
    throw new JobFailure(code, plainJobErrorMessages[code]);
  }
  const durationSeconds = Number(output.format?.duration ?? 0);
  // A container that parsed with real streams but no duration holds nothing to play.
  if (!(durationSeconds > 0)) throw new JobFailure("input_empty", "the file has no duration");
  if (durationSeconds > options.maxDurationSeconds) {
    throw new JobFailure(
      "input_too_long",
      `the recording lasts ${Math.round(durationSeconds)} s, over the limit of ${options.maxDurationSeconds} s`,
    );
  }
  if (!audio) throw new JobFailure("input_no_audio", plainJobErrorMessages.input_no_audio);
  const [, keyframeIntervalSeconds] = await Promise.all([
    checkTailDecodes(path, durationSeconds, options.signal),
    video ? keyframeInterval(path, options.signal) : undefined,
  ]);
  return {
    durationSeconds,
    formatName: output.format?.format_name ?? "unknown",
    sizeBytes: size,
    audio: {
      codec: audio.codec_name ?? "unknown",
      sampleRate: Number(audio.sample_rate ?? 0),
      channels: audio.channels ?? 0,
    },
    video: video
      ? {
          codec: video.codec_name ?? "unknown",
          width: video.width ?? 0,
          height: video.height ?? 0,
          fps: rate(video.avg_frame_rate) || rate(video.r_frame_rate) || 30,
          keyframeIntervalSeconds,
        }
      : null,
  };
}

/**
 * A truncated upload keeps its header (and so its duration) but loses the end, and the demuxer
 * then stops quietly: decode the last 1.5 s and require that most of it really decodes.
 */
async function checkTailDecodes(path: string, durationSeconds: number, signal?: AbortSignal): Promise<void> {
  const errors: string[] = [];
  const tailSeconds = Math.min(1.5, durationSeconds);
  let decoded = 0;
  await runFfmpeg({
    purpose: "probe",
    inputs: [{ path, options: ["-ss", (durationSeconds - tailSeconds).toFixed(3)] }],
    outputs: [{ path: "-", options: ["-f", "null"] }],
    expectedSeconds: tailSeconds,
    onProgress: (fraction) => {
      decoded = Math.max(decoded, fraction);
    },
    onLine: (line) => errors.push(line),
    signal,
  }).catch((error) => {
    if (!(error instanceof FfmpegError)) throw error;
    errors.push(error.stderrTail);
  });
  if (errors.length > 0 || decoded < 0.5) {
    const decodedSeconds = Math.round(decoded * tailSeconds * 100) / 100;
    throw new JobFailure(
      "input_undecodable",
      `the file is truncated or damaged near its end (${decodedSeconds} s of the last ${tailSeconds} s decode)`,
    );
  }
}

/** Mean spacing of video keyframes over the first minute, read from packet flags (no decoding). */
async function keyframeInterval(path: string, signal?: AbortSignal): Promise<number | undefined> {
  const output = (await runFfprobe(
    ["-select_streams", "v:0", "-read_intervals", "%+60", "-show_entries", "packet=pts_time,flags", path],
    signal,
  )) as { packets?: { pts_time?: string; flags?: string }[] };
  const times = (output.packets ?? [])
    .filter((p) => p.flags?.startsWith("K") && p.pts_time !== undefined)
    .map((p) => Number(p.pts_time))
    .sort((a, b) => a - b);
  if (times.length < 2) return undefined;
  return (times.at(-1)! - times[0]!) / (times.length - 1);
}
