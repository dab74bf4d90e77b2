import type { CompilationPlan, Sentence, Word } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";

export type Cue = { start: number; end: number; text: string };
export type CueLimits = { maxChars: number; maxSeconds: number };

/** Two lines of 42 characters, at most 7 s on screen: common broadcast guidance. */
export const defaultCueLimits: CueLimits = { maxChars: 84, maxSeconds: 7 };

/**
 * Caption cues from sentences; a long sentence is split between words so each cue stays
 * readable. Sentences without word timings become one cue.
 *
 * @example
 * captionCues(transcript.sentences) // [{ start: 1, end: 4.14, text: "Today we study how quantities change over time" }, …]
 */
export function captionCues(sentences: readonly Sentence[], limits = defaultCueLimits): Cue[] {
  return sentences.flatMap((sentence) => {
    if (sentence.words.length === 0) return [{ start: sentence.start, end: sentence.end, text: sentence.text }];
    const cues: Cue[] = [];
    let group: Word[] = [];
    const flush = () => {
      if (group.length === 0) return;
      cues.push({
        start: (group[0] as Word).start,
        end: (group.at(-1) as Word).end,
        text: group.map((w) => w.text).join(" "),
      });
      group = [];
    };
    for (const word of sentence.words) {
      const text = [...group, word].map((w) => w.text).join(" ");
      if (
        group.length > 0 &&
        (text.length > limits.maxChars || word.end - (group[0] as Word).start > limits.maxSeconds)
      )
        flush();
      group.push(word);
    }
    flush();
    return cues;
  });
}

/**
 * The sentences heard in the reel, on the reel's timeline: the words inside each clip, moved
 * by the clip's offset. Words cut by a clip edge are left out.
 *
 * @example
 * reelSentences(transcript.sentences, plan)[0].start // 0.3
 */
export function reelSentences(sentences: readonly Sentence[], plan: CompilationPlan): Sentence[] {
  return plan.reel.order.flatMap((clipIndex, position) => {
    const clip = plan.clips[clipIndex];
    if (!clip) return [];
    const shift = (t: number) => roundMs(t - clip.start + (plan.reel.offsets[position] ?? 0));
    return sentences.flatMap((sentence) => {
      const words = sentence.words
        .filter((w) => w.start >= clip.start && w.end <= clip.end)
        .map((w) => ({ ...w, start: shift(w.start), end: shift(w.end) }));
      if (words.length === 0) return [];
      const whole = words.length === sentence.words.length;
      const text = whole ? sentence.text : words.map((w) => w.text).join(" ");
      return [{ ...sentence, start: (words[0] as Word).start, end: (words.at(-1) as Word).end, text, words }];
    });
  });
}

/** A WebVTT file. */
export function toWebVtt(cues: readonly Cue[]): string {
  const body = cues.map((c) => `${timestamp(c.start, ".")} --> ${timestamp(c.end, ".")}\n${c.text}`).join("\n\n");
  return `WEBVTT\n\n${body}${body ? "\n" : ""}`;
}

/** A SubRip (SRT) file. */
export function toSrt(cues: readonly Cue[]): string {
  return cues
    .map((c, i) => `${i + 1}\n${timestamp(c.start, ",")} --> ${timestamp(c.end, ",")}\n${c.text}\n`)
    .join("\n");
}

function timestamp(seconds: number, decimal: "." | ","): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const [h, m, s] = [Math.floor(ms / 3_600_000), Math.floor(ms / 60_000) % 60, Math.floor(ms / 1000) % 60];
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimal}${pad(ms % 1000, 3)}`;
}
