import { spawn } from "node:child_process";
// The one import of fluent-ffmpeg in the project: the package is archived upstream, so it stays
// behind this module and can be swapped for plain spawn without touching any caller.
import fluentFfmpeg from "fluent-ffmpeg";
import { metrics } from "../metrics.ts";

export type FfmpegInput = { path: string; options?: string[] };
export type FfmpegOutput = { path: string; options: string[] };
export type FfmpegRun = {
  /** Label of the `lh_ffmpeg_seconds_total` metric: what this run is for. */
  purpose: string;
  inputs: FfmpegInput[];
  filterGraph?: string;
  outputs: FfmpegOutput[];
  /** Media seconds this run will produce, to turn ffmpeg's `out_time` into a fraction. */
  expectedSeconds?: number;
  onProgress?: (fraction: number) => void;
  /** Every stderr line (filters such as silencedetect report there at `info` level). */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** `info` when the run's filters log what we parse; `error` keeps stderr quiet otherwise. */
  logLevel?: "info" | "error";
};

/** Thrown when ffmpeg fails; `stderrTail` says why, for logs (never for API clients). */
export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = "FfmpegError";
  }
}

/** What decoders say about broken bitstreams (H.264 NAL units, AAC frames, MP3 headers, …). */
const decodeFailurePattern =
  /Invalid data found when processing input|error while decoding|Invalid NAL unit|Error splitting the input|corrupt|decode_slice_header error|Header missing|Reserved bit set|Number of bands .* exceeds limit|SBR was found before|channel element .* is not allocated/i;

/**
 * Whether an ffmpeg failure came from undecodable input data rather than from us: the input is
 * then damaged, and running the job again would fail the same way.
 *
 * @example
 * if (isDamagedInput(error)) throw new JobFailure("input_corrupt", plainJobErrorMessages.input_corrupt);
 */
export function isDamagedInput(error: unknown): boolean {
  return error instanceof FfmpegError && decodeFailurePattern.test(error.stderrTail);
}

const abortError = (signal: AbortSignal) =>
  signal.reason instanceof Error ? signal.reason : new DOMException("ffmpeg run aborted", "AbortError");

/**
 * Runs one ffmpeg process. Progress comes from ffmpeg's own `-progress` report (`out_time_us`)
 * on stderr; an aborted signal kills the process at once; wall time lands in `ffmpegSeconds`.
 *
 * @example
 * await runFfmpeg({ purpose: "thumbnail", inputs: [{ path: src, options: ["-ss", "12"] }],
 *   outputs: [{ path: "thumb.jpg", options: ["-frames:v", "1"] }] });
 */
export function runFfmpeg(run: FfmpegRun): Promise<void> {
  const { signal } = run;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const command = fluentFfmpeg();
  const globalOptions = ["-hide_banner", "-nostdin", "-y", "-loglevel", run.logLevel ?? "error"];
  globalOptions.push("-progress", "pipe:2", "-stats_period", "0.25", "-nostats");
  // fluent-ffmpeg places input options before their -i; the first input carries the globals.
  run.inputs.forEach((input, i) => {
    command.input(input.path).inputOptions([...(i === 0 ? globalOptions : []), ...(input.options ?? [])]);
  });
  if (run.filterGraph) command.complexFilter(run.filterGraph);
  for (const output of run.outputs) command.output(output.path).outputOptions(output.options);
  const started = performance.now();
  let stderrTail: string[] = [];
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => command.kill("SIGKILL");
    signal?.addEventListener("abort", onAbort, { once: true });
    const finish = (error?: Error) => {
      signal?.removeEventListener("abort", onAbort);
      metrics.ffmpegSeconds.inc({ purpose: run.purpose }, (performance.now() - started) / 1000);
      if (signal?.aborted) reject(abortError(signal));
      else if (error)
        reject(new FfmpegError(`ffmpeg (${run.purpose}) failed: ${error.message}`, stderrTail.join("\n")));
      else resolve();
    };
    command.on("stderr", (line: string) => {
      const progress = /^out_time_us=(\d+)$/.exec(line);
      if (progress) {
        if (run.expectedSeconds && run.onProgress) {
          run.onProgress(Math.min(1, Number(progress[1]) / 1e6 / run.expectedSeconds));
        }
        return;
      }
      if (line.trim() === "" || /^[a-z0-9_]+=/.test(line)) return;
      stderrTail = [...stderrTail.slice(-19), line];
      run.onLine?.(line);
    });
    command.on("end", () => finish());
    command.on("error", (error: Error) => finish(error));
    command.run();
  });
}

/**
 * Runs ffprobe with JSON output and returns it parsed. fluent-ffmpeg's own ffprobe only knows
 * streams and format; packet-level questions (keyframe spacing) need the raw tool.
 *
 * @example
 * const { format } = await runFfprobe(["-show_format", "lecture.mp4"]);
 */
export function runFfprobe(args: string[], signal?: AbortSignal): Promise<Record<string, unknown>> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("ffprobe", ["-v", "error", "-of", "json", ...args], {
      signal,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      metrics.ffmpegSeconds.inc({ purpose: "probe" }, (performance.now() - started) / 1000);
      if (code !== 0) return reject(new FfmpegError(`ffprobe exited with ${code}`, stderr.trim()));
      try {
        resolve(JSON.parse(Buffer.concat(stdout).toString() || "{}"));
      } catch (error) {
        reject(error);
      }
    });
  });
}
