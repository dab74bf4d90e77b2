import type { TimeRange } from "../contracts/artifacts.ts";
import { normalizeRanges, roundMs } from "../shared/time-ranges.ts";

export type SilenceInput = {
  durationSeconds: number;
  /** `silencedetect` intervals from the audio pass, in any order, possibly overlapping. */
  silences: TimeRange[];
  /** Shorter silences are gaps inside speech, not pauses. Default 0.3 s. */
  minPauseSeconds?: number;
  /** Speech shorter than this between two pauses is treated as noise and folded into the pause. Default 0.15 s. */
  minSpeechSeconds?: number;
};

/** A place where a clip may start or end: inside a pause, so no word is cut. */
export type CutPoint = { time: number; pause: TimeRange };

export type SilenceAnalysis = {
  pauses: TimeRange[];
  speechRegions: TimeRange[];
  /** One per pause, at its middle; longer pauses are better cuts (`pause.end - pause.start`). */
  cutPoints: CutPoint[];
  /** Share of the media that is speech, 0–1. */
  speechRatio: number;
};

/**
 * Turns the audio pass's silences into pauses, the speech between them and candidate cut points.
 *
 * @example
 * analyseSilence({ durationSeconds: 10, silences: [{ start: 4, end: 5 }] })
 * // { pauses: [{ start: 4, end: 5 }], speechRegions: [{ start: 0, end: 4 }, { start: 5, end: 10 }], cutPoints: [{ time: 4.5, … }], speechRatio: 0.9 }
 */
export function analyseSilence(input: SilenceInput): SilenceAnalysis {
  const duration = Math.max(0, input.durationSeconds);
  const minPause = input.minPauseSeconds ?? 0.3;
  const minSpeech = input.minSpeechSeconds ?? 0.15;
  const bridged = normalizeRanges(input.silences, duration).reduce<TimeRange[]>((kept, silence) => {
    const last = kept.at(-1);
    if (last && silence.start - last.end < minSpeech) last.end = silence.end;
    else kept.push({ ...silence });
    return kept;
  }, []);
  const pauses = bridged.filter((p) => p.end - p.start >= minPause || p.start === 0 || p.end === duration);
  const speechRegions: TimeRange[] = [];
  let cursor = 0;
  for (const pause of pauses) {
    if (pause.start > cursor) speechRegions.push({ start: roundMs(cursor), end: roundMs(pause.start) });
    cursor = pause.end;
  }
  if (duration > cursor) speechRegions.push({ start: roundMs(cursor), end: roundMs(duration) });
  const speech = speechRegions.reduce((sum, r) => sum + r.end - r.start, 0);
  return {
    pauses,
    speechRegions,
    cutPoints: pauses.map((pause) => ({ time: roundMs((pause.start + pause.end) / 2), pause })),
    speechRatio: duration > 0 ? Math.round((speech / duration) * 1000) / 1000 : 0,
  };
}
