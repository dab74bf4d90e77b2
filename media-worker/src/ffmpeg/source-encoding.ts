import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { videoEncoding } from "./encode.ts";
import { readVideoPackets } from "./packets.ts";
import { runFfmpeg, runFfprobe } from "./process.ts";

/**
 * How clips are encoded. `smart-cut`: the source is H.264 from x264 and our encoder reproduces
 * its parameter sets byte for byte, so re-encoded heads and tails join the source's own packets
 * by stream copy (`keyframes` are the source's, in seconds). `whole`: every clip is re-encoded
 * with our profile, and `reason` says why.
 */
export type ClipEncoding =
  | { kind: "smart-cut"; video: string[]; keyframes: number[] }
  | { kind: "whole"; video: string[]; reason: string };

type VideoStream = {
  codec_name?: string;
  pix_fmt?: string;
  level?: number;
  time_base?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  extradata?: string;
};

/**
 * Decides whether the source can be smart-cut: H.264 at a constant frame rate whose first
 * packet names x264's options; then encodes one frame with those options and compares the
 * parameter sets (SPS/PPS in the `avcC` box) with the source's. Only identical ones pass, since
 * a copied slice decoded with another encoder's PPS is garbage. About half a second.
 *
 * @example
 * const encoding = await chooseClipEncoding("source.mp4", { workDir });
 * encoding.kind; // "smart-cut" for the generated lectures, "whole" for a VP9 upload
 */
export async function chooseClipEncoding(
  source: string,
  options: { workDir: string; signal?: AbortSignal },
): Promise<ClipEncoding> {
  const whole = (reason: string): ClipEncoding => ({ kind: "whole", video: videoEncoding, reason });
  const stream = await videoStream(source, options.signal);
  if (stream?.codec_name !== "h264") return whole(`the video is ${stream?.codec_name ?? "missing"}, not H.264`);
  if (stream.r_frame_rate !== stream.avg_frame_rate) return whole("the frame rate is variable");
  const x264Options = await readX264Options(source, options);
  if (!x264Options) return whole("the video names no x264 options");
  // An open GOP's keyframe is no clean start: its leading B-frames refer to the GOP before.
  if (/\bopen_gop=1\b/.test(x264Options)) return whole("the video has open GOPs");
  const video = matchingEncoding(stream, x264Options);
  const sample = join(options.workDir, "encoding-sample.mp4");
  await runFfmpeg({
    purpose: "clip",
    inputs: [{ path: source }],
    outputs: [{ path: sample, options: ["-map", "0:v:0", ...video, "-frames:v", "1"] }],
    signal: options.signal,
  });
  const encoded = await videoStream(sample, options.signal);
  if (encoded?.extradata !== stream.extradata) return whole("our encoder's parameter sets differ from the source's");
  const packets = await readVideoPackets(source, options.signal);
  // ffmpeg's -ss counts from the file's start time, packets carry their timestamps.
  const keyframes = packets.filter((p) => p.keyframe).map((p) => p.time - stream.startSeconds);
  return { kind: "smart-cut", video, keyframes };
}

async function videoStream(path: string, signal?: AbortSignal) {
  const fields = "codec_name,pix_fmt,level,time_base,r_frame_rate,avg_frame_rate,extradata";
  const output = (await runFfprobe(
    ["-select_streams", "v:0", "-show_data", "-show_entries", `stream=${fields}:format=start_time`, path],
    signal,
  )) as { streams?: VideoStream[]; format?: { start_time?: string } };
  const stream = output.streams?.[0];
  return stream && { ...stream, startSeconds: Number(output.format?.start_time ?? 0) || 0 };
}

/** x264 writes its options into an SEI message of the first frame: "... options: cabac=1 ref=3 ...". */
async function readX264Options(source: string, options: { workDir: string; signal?: AbortSignal }) {
  const firstPacket = join(options.workDir, "first-video-packet.h264");
  await runFfmpeg({
    purpose: "clip",
    inputs: [{ path: source }],
    outputs: [{ path: firstPacket, options: ["-map", "0:v:0", "-c", "copy", "-frames:v", "1", "-f", "h264"] }],
    signal: options.signal,
  });
  const text = (await readFile(firstPacket)).toString("latin1");
  return /x264 - core \d+.*? - options: ([ -~]+)/.exec(text)?.[1] ?? null;
}

// Options x264 prints under another name (or as two values) than `--x264-params` takes; what
// is left out (threads, analyse, cqm, deadzone, rc) does not reach the parameter sets.
const renamed: Record<string, (value: string) => string[]> = {
  deblock: (v) => [`deblock=${v.split(":").slice(1).join(",")}`],
  psy_rd: (v) => [`psy-rd=${v.replace(":", ",")}`],
  mixed_ref: (v) => [`mixed-refs=${v}`],
  ip_ratio: (v) => [`ipratio=${v}`],
  aq: (v) => {
    const [mode, strength] = v.split(":");
    return [`aq-mode=${mode}`, ...(strength ? [`aq-strength=${strength}`] : [])];
  },
};
const passedAsIs = new Set(
  (
    "cabac ref me subme psy me_range chroma_me trellis 8x8dct fast_pskip chroma_qp_offset nr interlaced " +
    "bluray_compat constrained_intra bframes b_pyramid b_adapt b_bias direct weightb open_gop weightp keyint " +
    "keyint_min scenecut intra_refresh rc_lookahead mbtree crf qcomp qpmin qpmax qpstep"
  )
    .split(" ")
    .filter(Boolean),
);

/** Our libx264 arguments reproducing the source's encoder: its options, pixel format, level and time scale. */
function matchingEncoding(stream: VideoStream, x264Options: string): string[] {
  const params = x264Options.split(" ").flatMap((pair) => {
    const [name = "", value = ""] = pair.split("=");
    if (renamed[name]) return renamed[name](value);
    return passedAsIs.has(name) ? [`${name.replaceAll("_", "-")}=${value}`] : [];
  });
  if (stream.level && stream.level > 0) params.push(`level=${stream.level / 10}`);
  const timescale = stream.time_base?.split("/")[1];
  return [
    ...["-c:v", "libx264", "-x264-params", params.join(":"), "-pix_fmt", stream.pix_fmt ?? "yuv420p"],
    ...(timescale ? ["-video_track_timescale", timescale] : []),
  ];
}
