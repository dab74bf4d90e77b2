import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ResultManifest } from "../../../agents/contracts/artifacts.ts";
import { storageKeys } from "../../../agents/contracts/storage-keys.ts";
import { apiBase, authHeaders, registerUser } from "../../../test/support/worker/accounts.ts";
import { insertJob, reportEvent } from "../../../test/support/worker/jobs.ts";
import { Bucket } from "../../storage/bucket.ts";

type Results = {
  highlights: { start: number; title: string; clip: string | null; thumbnail: string | null }[];
  chapters: { title: string }[];
  reel: { url: string; duration: number } | null;
  source: { url: string; contentType: string } | null;
  slides: { start: number; title: string | null; text: string | null; thumbnail: string | null }[];
  transcript: { vtt: string };
  stats: Record<string, unknown>;
};

describe("GET /v1/jobs/:id/results", () => {
  it("lists highlights in timeline order with presigned URLs that fetch the objects", async () => {
    const user = await registerUser();
    const job = await insertJob({ userId: user.userId, status: "processing" });
    const bucket = new Bucket(env);
    const clipKey = storageKeys.output(job.id, "clips/0.mp4");
    await bucket.fetch(clipKey, { method: "PUT", body: "clip bytes" });
    const posterKey = storageKeys.output(job.id, "posters/0.jpg");
    const slideKey = storageKeys.output(job.id, "slides/0.jpg");
    await bucket.fetch(slideKey, { method: "PUT", body: "slide bytes" });
    await bucket.fetch(posterKey, { method: "PUT", body: "poster bytes" });
    await bucket.fetch(`uploads/${user.userId}/${job.uploadId}/source.mp4`, { method: "PUT", body: "lecture bytes" });
    const highlight = { summary: "s", keyPhrases: ["k"], score: 0.8, chapterIndex: 0, thumbnailKey: null };
    const manifest: ResultManifest = {
      durationSeconds: 900,
      highlights: [
        { ...highlight, start: 400, end: 430, title: "Later", clipKey: null },
        { ...highlight, start: 100, end: 130, title: "Earlier", clipKey, thumbnailKey: posterKey },
      ],
      chapters: [{ start: 0, title: "Opening", summary: "" }],
      reel: { key: storageKeys.output(job.id, "reel.mp4"), durationSeconds: 59 },
      transcript: { jsonKey: "a.json", vttKey: "a.vtt", srtKey: "a.srt" },
      reelCaptions: null,
      slides: [
        { start: 0, end: 900, layout: "slides", thumbnailKey: slideKey, text: "Limits\nε and δ", title: "Limits" },
      ],
      stats: { analysisBackend: "extractive" },
    };
    await bucket.fetch(storageKeys.manifest(job.id), { method: "PUT", body: JSON.stringify(manifest) });
    await reportEvent({
      jobId: job.id,
      attempt: 1,
      seq: 0,
      at: new Date().toISOString(),
      type: "completed",
      manifestKey: storageKeys.manifest(job.id),
      manifest,
    });

    const response = await SELF.fetch(`${apiBase}/v1/jobs/${job.id}/results`, {
      headers: authHeaders(user.accessToken),
    });
    expect(response.status).toBe(200);
    const results = (await response.json()) as Results;
    expect(results.highlights.map((h) => h.title)).toEqual(["Earlier", "Later"]);
    expect(results.chapters).toEqual([{ start: 0, title: "Opening", summary: "" }]);
    expect(results.reel?.duration).toBe(59);
    expect(results.stats).toMatchObject({ analysisBackend: "extractive", attempts: 1 });
    expect(await (await fetch(results.highlights[0]!.clip!)).text()).toBe("clip bytes");
    expect(results.highlights[1]!.clip).toBeNull();

    // The lecture itself plays from the results, and the slides come with their text and pictures.
    expect(results.source?.contentType).toBe("video/mp4");
    expect(await (await fetch(results.source!.url)).text()).toBe("lecture bytes");
    expect(results.slides).toMatchObject([{ start: 0, title: "Limits", text: "Limits\nε and δ" }]);
    expect(await (await fetch(results.slides[0]!.thumbnail!)).text()).toBe("slide bytes");

    // The job is now known by its length and its earliest highlight's poster.
    const view = (await (
      await SELF.fetch(`${apiBase}/v1/jobs/${job.id}`, { headers: authHeaders(user.accessToken) })
    ).json()) as { durationSeconds: number | null; poster: string | null; outputsExpireAt: string | null };
    expect(view.durationSeconds).toBe(900);
    expect(await (await fetch(view.poster!)).text()).toBe("poster bytes");
    // Kept for wrangler.toml's OUTPUT_RETENTION_DAYS (365) from completion.
    const kept = Date.parse(view.outputsExpireAt!) - Date.now();
    expect(Math.round(kept / 86_400_000)).toBe(365);
  });

  it("answers 410 outputs_expired once retention deleted the outputs, and 502 for a manifest that is there but unreadable", async () => {
    const user = await registerUser();
    const finishedAt = new Date("2025-01-05T10:00:00Z");
    const results = (job: { id: string }) =>
      SELF.fetch(`${apiBase}/v1/jobs/${job.id}/results`, { headers: authHeaders(user.accessToken) });
    const completed = () => {
      const id = crypto.randomUUID();
      return insertJob({
        id,
        userId: user.userId,
        status: "completed",
        finishedAt,
        manifestKey: storageKeys.manifest(id),
        posterKey: storageKeys.output(id, "posters/0.jpg"),
      });
    };

    const expired = await completed();
    // The job itself still lists, saying when its outputs went and offering no poster to a deleted object.
    const view = await SELF.fetch(`${apiBase}/v1/jobs/${expired.id}`, { headers: authHeaders(user.accessToken) });
    expect(await view.json()).toMatchObject({ poster: null, outputsExpireAt: "2026-01-05T10:00:00.000Z" });
    const gone = await results(expired);
    expect(gone.status).toBe(410);
    expect(gone.headers.get("content-type")).toContain("application/problem+json");
    expect(await gone.json()).toMatchObject({
      status: 410,
      code: "outputs_expired",
      detail: expect.stringContaining("2025-01-05"),
    });

    const broken = await completed();
    await new Bucket(env).fetch(broken.manifestKey!, { method: "PUT", body: "not a manifest" });
    const unreadable = await results(broken);
    expect(unreadable.status).toBe(502);
    expect(await unreadable.json()).toMatchObject({ code: "results_unavailable" });
  });
});
