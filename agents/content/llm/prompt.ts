import type { Sentence, SlideSegment } from "../../contracts/artifacts.ts";

/** One named part of a prompt; sections keep prompts readable, testable and easy to vary. */
export type PromptSection = { name: string; content: string };

/** Renders sections as tagged blocks, skipping empty ones. */
export function renderSections(sections: readonly PromptSection[]): string {
  return sections
    .filter((s) => s.content.trim() !== "")
    .map((s) => `<${s.name}>\n${s.content.trim()}\n</${s.name}>`)
    .join("\n\n");
}

export const systemPrompt = renderSections([
  {
    name: "role",
    content:
      "You are an experienced teaching assistant who edits lecture recordings into chapters and short highlight clips for students.",
  },
  {
    name: "rules",
    content: [
      "Use only times that appear in the transcript lines; never invent times.",
      "A chapter starts where the lecturer moves to a new topic; slide changes are strong hints.",
      "A highlight is a self-contained explanation, definition, key result or summary that makes sense without the rest of the lecture.",
      "Highlights start at the beginning of a transcript line and end at the end of a line; they never overlap.",
      "Scores: 0.9 or more for the lecture's central ideas, around 0.5 for useful detail, below 0.3 for logistics and small talk.",
      "Titles have at most 8 words; summaries are one sentence in plain language.",
      "Reply with JSON only, following the schema.",
    ].join("\n"),
  },
]);

export type WindowPromptInput = {
  lectureTitle?: string;
  durationSeconds: number;
  window: { index: number; count: number };
  sentences: readonly Sentence[];
  slides: readonly SlideSegment[];
  clipSeconds: { min: number; max: number };
  previousChapterTitle?: string;
};

/**
 * The user prompt for one window of the transcript.
 *
 * @example
 * windowPrompt({ durationSeconds: 3600, window: { index: 0, count: 3 }, sentences, slides, clipSeconds: { min: 20, max: 90 } })
 */
export function windowPrompt(input: WindowPromptInput): string {
  const first = input.sentences[0]?.start ?? 0;
  const last = input.sentences.at(-1)?.end ?? input.durationSeconds;
  const slides = input.slides.filter((s) => s.end > first && s.start < last && (s.title || s.text));
  return renderSections([
    {
      name: "lecture",
      content: [
        input.lectureTitle ? `Title: ${input.lectureTitle}` : "",
        `Length: ${Math.round(input.durationSeconds)} s. This is part ${input.window.index + 1} of ${input.window.count}, covering ${first.toFixed(1)}–${last.toFixed(1)} s.`,
      ].join("\n"),
    },
    {
      name: "continuity",
      content: input.previousChapterTitle
        ? `The previous part ended inside the chapter "${input.previousChapterTitle}". If this part begins in the same topic, start your first chapter at ${first.toFixed(1)} with exactly that title.`
        : "",
    },
    {
      name: "slides",
      content: slides
        .map((s) => `[${s.start.toFixed(1)}] ${(s.text ?? s.title ?? "").replace(/\n/g, " | ")}`)
        .join("\n"),
    },
    {
      name: "task",
      content: `List the chapters of this part and its best highlight clips (about one or two per chapter), each ${input.clipSeconds.min}–${input.clipSeconds.max} s long.`,
    },
    {
      name: "transcript",
      content: input.sentences.map((s) => `[${s.start.toFixed(1)}-${s.end.toFixed(1)}] ${s.text}`).join("\n"),
    },
  ]);
}
