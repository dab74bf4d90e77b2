import { execFileSync } from "node:child_process";
import { join } from "node:path";
import type { TimeRange } from "../../agents/contracts/artifacts.ts";
import { espeakArgs } from "../../infra/sample-lecture/narration.ts";
import { lectureScripts } from "../../infra/sample-lecture/scripts.ts";

/** A narrated track, with what was said and where the pauses are. */
export type SpeechTrack = { path: string; durationSeconds: number; words: string[]; silences: TimeRange[] };

const pauseSeconds = 0.8;
const soxWav = ["-r", "16000", "-c", "1", "-b", "16"];

/** Lower-case words without punctuation, the unit word error is counted in. */
export const normalizedWords = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, " ")
    .split(/\s+/)
    .filter(Boolean);

/** The voice the generated lectures speak with (infra/sample-lecture/narration.ts). */
export const espeakVoice = "espeak-ng";

/**
 * Speaks the sample lectures' sentences (16 kHz mono, a pause after each) until `seconds` of
 * audio exist, with a Debian flite voice (`slt`, `rms`, `awb`...) or `espeak-ng`. flite's speech
 * is closer to a person's, on which pocketsphinx does far better; espeak-ng's is what our
 * generated lectures and the pipeline benchmark say, so settings are judged on both.
 *
 * @example
 * const track = spokenTrack(dir, 600, "slt"); // ~10 minutes of flite
 */
export function spokenTrack(dir: string, seconds: number, voice = "slt"): SpeechTrack {
  const sentences = lectureScripts.flatMap((s) => s.topics.flatMap((t) => t.sentences.map((x) => x.text)));
  const gap = join(dir, "gap.wav");
  execFileSync("sox", ["-n", ...soxWav, gap, "trim", "0", String(pauseSeconds)]);
  const parts: string[] = [];
  const words: string[] = [];
  const silences: TimeRange[] = [];
  let at = 0;
  for (let i = 0; at < seconds; i++) {
    const text = sentences[i % sentences.length] as string;
    const raw = join(dir, `s${i}-raw.wav`);
    const wav = join(dir, `s${i}.wav`);
    if (voice === espeakVoice) execFileSync("espeak-ng", [...espeakArgs, "-w", raw, text]);
    else execFileSync("flite", ["-voice", voice, "-t", text, "-o", raw]);
    execFileSync("sox", [raw, ...soxWav, wav]);
    at += Number(execFileSync("soxi", ["-D", wav], { encoding: "utf8" }));
    silences.push({ start: at, end: at + pauseSeconds });
    at += pauseSeconds;
    parts.push(wav, gap);
    words.push(...normalizedWords(text));
  }
  const path = join(dir, `speech-${voice}.wav`);
  execFileSync("sox", [...parts, path]);
  return { path, durationSeconds: at, words, silences };
}
