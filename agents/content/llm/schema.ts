import { z } from "zod";

/**
 * What the model returns for one window of the transcript. Sent to the API as a strict JSON
 * schema (so no range keywords); ranges and order are checked and fixed locally afterwards.
 */
export const WindowReply = z.object({
  chapters: z.array(
    z.object({
      start: z.number().describe("seconds where the chapter starts, taken from a transcript line"),
      title: z.string().describe("at most 8 words"),
      summary: z.string().describe("one sentence"),
    }),
  ),
  highlights: z.array(
    z.object({
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

/** The local check after parsing: non-empty titles and finite times. */
export const CheckedWindowReply = WindowReply.superRefine((reply, ctx) => {
  reply.highlights.forEach((h, i) => {
    if (!h.title.trim()) ctx.addIssue({ code: "custom", path: ["highlights", i, "title"], message: "title is empty" });
    if (!Number.isFinite(h.start) || !Number.isFinite(h.end))
      ctx.addIssue({ code: "custom", path: ["highlights", i], message: "start and end must be numbers of seconds" });
  });
  reply.chapters.forEach((c, i) => {
    if (!c.title.trim()) ctx.addIssue({ code: "custom", path: ["chapters", i, "title"], message: "title is empty" });
  });
});
