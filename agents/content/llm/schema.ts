import { z } from "zod";

/**
 * What the model returns for one window of the transcript. Sent to the API as a strict JSON
 * schema (so no range or length keywords, and no field beyond these); lengths, ranges and
 * times are checked locally by `checkedWindowReply`.
 */
export const WindowReply = z.strictObject({
  chapters: z.array(
    z.strictObject({
      start: z.number().describe("seconds where the chapter starts, taken from a transcript line"),
      title: z.string().describe("at most 8 words"),
      summary: z.string().describe("one sentence"),
    }),
  ),
  highlights: z.array(
    z.strictObject({
      start: z.number().describe("seconds where the clip starts: the start time of a transcript line"),
      end: z.number().describe("seconds where the clip ends: the end time of a transcript line"),
      title: z.string().describe("at most 8 words"),
      summary: z.string().describe("one sentence"),
      keyPhrases: z.array(z.string()).describe("2 to 5 short phrases spoken in the clip"),
      score: z.number().describe("0 to 1: how much a student would miss without this clip"),
      reason: z.string().describe("why this moment is worth a clip, one sentence"),
    }),
  ),
});
export type WindowReply = z.infer<typeof WindowReply>;

/** The seconds a window's reply may use: its transcript's span, widened a little for rounding. */
export type ReplyBounds = { from: number; to: number };

/** Model times may miss a line's time by rounding; anything further out was invented. */
export const timeSlackSeconds = 2;

/** Limits on published text: generous beside what the prompt asks for, tight beside abuse. */
export const textLimits = {
  titleWords: 12,
  titleChars: 100,
  sentenceChars: 300,
  keyPhrases: 8,
  keyPhraseChars: 60,
  itemsPerWindow: 40,
} as const;

/** A link, a web or e-mail address, or a markup tag: what a lecture's titles and summaries never need. */
const notPlainText = /(?:[a-z][a-z0-9+.-]*:\/\/|\bwww\.|[\w.+-]+@[\w-]+\.[a-z]{2,}|<[a-z/!?])/i;

type Issue = { path: (string | number)[]; message: string };

function textIssues(text: string, path: (string | number)[], maxChars: number): Issue[] {
  const trimmed = text.trim();
  if (!trimmed) return [{ path, message: "is empty" }];
  const issues: Issue[] = [];
  if (trimmed.length > maxChars) issues.push({ path, message: `is longer than ${maxChars} characters` });
  if (notPlainText.test(trimmed))
    issues.push({ path, message: "must be plain text without links, addresses or markup" });
  return issues;
}

function titleIssues(title: string, path: (string | number)[]): Issue[] {
  const issues = textIssues(title, path, textLimits.titleChars);
  if (title.trim().split(/\s+/).length > textLimits.titleWords)
    issues.push({ path, message: `has more than ${textLimits.titleWords} words` });
  // A title a person would publish is not shouted: "PWNED" or "BUY NOW" is not a chapter title.
  if (/\p{Lu}/u.test(title) && !/\p{Ll}/u.test(title))
    issues.push({ path, message: "is all capitals; write it in title case" });
  return issues;
}

function timeIssues(time: number, path: (string | number)[], bounds: ReplyBounds): Issue[] {
  if (!Number.isFinite(time)) return [{ path, message: "must be a number of seconds" }];
  if (time < bounds.from - timeSlackSeconds || time > bounds.to + timeSlackSeconds)
    return [{ path, message: `is outside this part of the lecture (${bounds.from}–${bounds.to} s)` }];
  return [];
}

function repeatedTitles(titles: string[], path: string): Issue[] {
  const seen = new Map<string, number>();
  return titles.flatMap((title, i) => {
    const key = title.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return [];
    }
    return [{ path: [path, i, "title"], message: `repeats the title of ${path} ${first}` }];
  });
}

/**
 * The local check of one window's reply, stricter than the API can enforce: no field beyond the
 * schema, published text that is plain, bounded and not shouted, titles that differ, scores
 * and times that are numbers, and times inside the window's span (a reply that follows an
 * instruction in the transcript to use other times, titles or fields fails here and is sent
 * back for repair, then rejected).
 *
 * @example
 * checkedWindowReply({ from: 0, to: 612.4 }).safeParse(JSON.parse(content))
 */
export function checkedWindowReply(bounds: ReplyBounds) {
  return WindowReply.superRefine((reply, ctx) => {
    const issues: Issue[] = [
      ...repeatedTitles(
        reply.chapters.map((c) => c.title),
        "chapters",
      ),
      ...repeatedTitles(
        reply.highlights.map((h) => h.title),
        "highlights",
      ),
    ];
    if (reply.chapters.length > textLimits.itemsPerWindow || reply.highlights.length > textLimits.itemsPerWindow)
      issues.push({ path: [], message: `lists more than ${textLimits.itemsPerWindow} chapters or highlights` });
    reply.chapters.forEach((c, i) => {
      issues.push(...timeIssues(c.start, ["chapters", i, "start"], bounds));
      issues.push(...titleIssues(c.title, ["chapters", i, "title"]));
      issues.push(...textIssues(c.summary, ["chapters", i, "summary"], textLimits.sentenceChars));
    });
    reply.highlights.forEach((h, i) => {
      const at = (field: string) => ["highlights", i, field];
      issues.push(...timeIssues(h.start, at("start"), bounds), ...timeIssues(h.end, at("end"), bounds));
      if (h.end <= h.start) issues.push({ path: at("end"), message: "must be after start" });
      if (!Number.isFinite(h.score)) issues.push({ path: at("score"), message: "must be a number from 0 to 1" });
      issues.push(...titleIssues(h.title, at("title")));
      issues.push(...textIssues(h.summary, at("summary"), textLimits.sentenceChars));
      issues.push(...textIssues(h.reason, at("reason"), textLimits.sentenceChars));
      if (h.keyPhrases.length > textLimits.keyPhrases)
        issues.push({ path: at("keyPhrases"), message: `has more than ${textLimits.keyPhrases} phrases` });
      h.keyPhrases.forEach((phrase, j) => {
        issues.push(...textIssues(phrase, ["highlights", i, "keyPhrases", j], textLimits.keyPhraseChars));
      });
    });
    for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
  });
}
