import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import { apiBase, authHeaders, registerUser } from "../../../test/support/worker/accounts.ts";
import { insertCompletedJob, insertJob } from "../../../test/support/worker/jobs.ts";

const highlight = { summary: "s", keyPhrases: ["k"], score: 0.8, chapterIndex: 0, clipKey: null, thumbnailKey: null };
const manifest: ResultManifest = {
  durationSeconds: 3900,
  frameRate: 30000 / 1001,
  highlights: [
    { ...highlight, start: 3700, end: 3730, title: 'Limits, "informally"' },
    { ...highlight, start: 100, end: 130, title: "Earlier" },
  ],
  chapters: [
    { start: 0, title: "Opening", summary: "" },
    { start: 600, title: "Limits", summary: "" },
    { start: 3650, title: "Derivatives", summary: "" },
  ],
  reel: null,
  transcript: { jsonKey: "a.json", vttKey: "a.vtt", srtKey: "a.srt" },
  reelCaptions: null,
  stats: {},
};

const exportOf = (jobId: string, format: string, token: string) =>
  SELF.fetch(`${apiBase}/v1/jobs/${jobId}/exports/${format}`, { headers: authHeaders(token) });

describe("GET /v1/jobs/:id/exports/:format", () => {
  it.each([
    [
      "chapters.youtube",
      "text/plain; charset=utf-8",
      "YouTube chapters.txt",
      "0:00 Opening\n10:00 Limits\n1:00:50 Derivatives\n",
    ],
    [
      "chapters.vtt",
      "text/vtt; charset=utf-8",
      "chapters.vtt",
      "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:10:00.000\nOpening\n",
    ],
    ["highlights.edl", "text/plain; charset=utf-8", "highlights.edl", "FCM: DROP FRAME\r\n"],
    ["highlights.csv", "text/csv; charset=utf-8; header=present", "highlights.csv", '"Limits, ""informally"""'],
    ["json", "application/json", "highlights.json", '"format": "lecture-highlights/export"'],
  ])("%s answers %s, named after the lecture", async (format, contentType, suffix, excerpt) => {
    const user = await registerUser();
    const job = await insertCompletedJob(user.userId, manifest, { name: "Week 3: Limits" });
    const response = await exportOf(job.id, format, user.accessToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-disposition")).toContain(`filename="Week 3_ Limits - ${suffix}"`);
    expect(await response.text()).toContain(excerpt);
  });

  it("answers 422 too_few_chapters where YouTube would show none", async () => {
    const user = await registerUser();
    const job = await insertCompletedJob(user.userId, { ...manifest, chapters: manifest.chapters.slice(0, 2) });
    const response = await exportOf(job.id, "chapters.youtube", user.accessToken);
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: "too_few_chapters" });
  });

  it("answers 404 for another account's job, 409 before completion and 400 for an unknown format", async () => {
    const owner = await registerUser();
    const stranger = await registerUser();
    const job = await insertCompletedJob(owner.userId, manifest);
    expect((await exportOf(job.id, "json", stranger.accessToken)).status).toBe(404);
    const running = await insertJob({ userId: owner.userId, status: "processing" });
    expect(await (await exportOf(running.id, "json", owner.accessToken)).json()).toMatchObject({
      code: "job_not_completed",
    });
    expect((await exportOf(job.id, "docx", owner.accessToken)).status).toBe(400);
  });
});
