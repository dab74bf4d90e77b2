import { readFileSync } from "node:fs";
import { AwsClient } from "aws4fetch";
import pg from "pg";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import { JobOptions } from "../../agents/contracts/job.ts";
import { storageKeys } from "../../agents/contracts/storage-keys.ts";
import { insertBenchUpload } from "../bench/bench-stack.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, type ViewportName, viewports } from "./viewports.ts";

const password = "a sharing test password";
const highlight = { summary: "Why limits come first.", keyPhrases: ["limit"], score: 0.9, chapterIndex: 0 };
const manifest = (jobId: string): ResultManifest => ({
  durationSeconds: 900,
  frameRate: 25,
  highlights: [
    { ...highlight, start: 100, end: 130, title: "Limits, informally", clipKey: null, thumbnailKey: null },
    { ...highlight, start: 500, end: 540, title: "The derivative", chapterIndex: 1, clipKey: null, thumbnailKey: null },
  ],
  chapters: [
    { start: 0, title: "Opening", summary: "What the course covers." },
    { start: 300, title: "Derivatives", summary: "Slopes of curves." },
    { start: 700, title: "Practice", summary: "Worked examples." },
  ],
  reel: null,
  transcript: {
    jsonKey: storageKeys.output(jobId, "transcript.json"),
    vttKey: storageKeys.output(jobId, "transcript.vtt"),
    srtKey: storageKeys.output(jobId, "transcript.srt"),
  },
  reelCaptions: null,
  stats: { costUsd: 0 },
});

/**
 * Share links in a real browser, at a laptop's and a phone's size: the owner shares a finished
 * lecture's results from its page, a signed-out browser opens the link and sees them, the owner
 * revokes it and the link then says plainly that it no longer works. The Export menu downloads.
 */
describe("sharing a job's results", () => {
  const suite = browserStack(1300);
  const { stack } = suite;

  /** A finished lecture of `email`'s, written where the media worker would leave it. */
  const seedCompletedJob = async (email: string, name: string): Promise<string> => {
    const db = new pg.Client({ connectionString: stack.config.database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string }>("select id from users where email = $1", [email]);
      const uploadId = await insertBenchUpload(db, rows[0]!.id);
      const jobId = crypto.randomUUID();
      const s3 = new AwsClient({ ...stack.config.s3, service: "s3" });
      const put = async (key: string, body: string) => {
        const response = await s3.fetch(`${stack.config.s3.endpoint}/${stack.config.s3.bucket}/${key}`, {
          method: "PUT",
          body,
        });
        expect(response.ok).toBe(true);
      };
      const written = manifest(jobId);
      await put(storageKeys.manifest(jobId), JSON.stringify(written));
      await put(
        written.transcript.vttKey,
        "WEBVTT\n\n00:01:40.000 --> 00:01:45.000\nA limit is where a function heads.\n",
      );
      await db.query(
        // Its poster is never written: as after retention deleted the outputs, the list must cope.
        `insert into jobs (id, organization_id, user_id, upload_id, name, status, options, manifest_key, poster_key, duration_seconds, started_at, finished_at)
         values ($1, $2, $2, $3, $4, 'completed', $5, $6, $7, 900, now(), now())`,
        [
          jobId,
          rows[0]!.id,
          uploadId,
          name,
          JSON.stringify(JobOptions.parse({})),
          storageKeys.manifest(jobId),
          storageKeys.output(jobId, "thumbnails/expired.jpg"),
        ],
      );
      return jobId;
    } finally {
      await db.end();
    }
  };

  const signUp = async (page: Page, email: string) => {
    await page.goto(`${stack.apiUrl}/#/sign-up`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "New highlights" }).waitFor();
  };

  it.each(["wide", "phone"] as const)(
    "shares a link that a signed-out browser opens until it is revoked (%s)",
    async (viewport: ViewportName) => {
      const ownerContext = await suite.browser.newContext({ viewport: viewports[viewport], acceptDownloads: true });
      const owner = await ownerContext.newPage();
      const email = `share-${viewport}-${Date.now()}@example.com`;
      await signUp(owner, email);
      const name = `Week 3: Limits (${viewport})`;
      const jobId = await seedCompletedJob(email, name);
      // In the list, a poster that storage no longer has gives way to the empty frame, not a broken image.
      await owner.goto(`${stack.apiUrl}/#/jobs`);
      const row = owner.locator(".job-row", { hasText: name });
      await row.locator(".poster-empty").waitFor();
      expect(await row.locator("img").count()).toBe(0);
      await owner.goto(`${stack.apiUrl}/#/jobs/${jobId}`);
      await owner.getByRole("heading", { name: "Results" }).waitFor();
      // Retention is said where the results are: a year from completion (OUTPUT_RETENTION_DAYS).
      const retention = owner.getByText(/^Clips, reel, captions and thumbnails are kept until (.+)\.$/);
      await retention.waitFor();
      const keptUntil = Date.parse(/until (.+)\.$/.exec((await retention.textContent())!)![1]!);
      // The page shows a day: its midnight is less than a whole day before the exact expiry.
      expect(Math.ceil((keptUntil - Date.now()) / 86_400_000)).toBe(365);

      // Export: the file is named after the lecture and holds the highlights.
      await owner.getByText("Export", { exact: true }).click();
      const [download] = await Promise.all([
        owner.waitForEvent("download"),
        owner.getByRole("button", { name: "Highlights (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`Week 3_ Limits (${viewport}) - highlights.csv`);
      expect(readFileSync((await download.path())!, "utf8")).toContain("Limits, informally");

      await owner.getByRole("button", { name: "Share", exact: true }).click();
      const dialog = owner.getByRole("dialog", { name: "Share these results" });
      await dialog.getByLabel("The link works for").selectOption({ label: "1 day" });
      await dialog.getByRole("button", { name: "Create link" }).click();
      const linkField = dialog.getByLabel(/Your share link/);
      await linkField.waitFor();
      const link = await linkField.inputValue();
      expect(link).toMatch(new RegExp(`^${stack.apiUrl}/s/[A-Za-z0-9_-]{43}$`));
      await dialog.getByRole("button", { name: /^Revoke the link made/ }).waitFor();
      expect(await seriousAccessibilityIssues(owner)).toEqual([]);
      await saveScreenshot(owner, "share-dialog", viewport);

      const visitorContext = await suite.browser.newContext({ viewport: viewports[viewport] });
      const visitor = await visitorContext.newPage();
      const opened = await visitor.goto(link);
      expect(opened?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
      expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
      await visitor.getByRole("heading", { name }).waitFor();
      await visitor.getByText("Shared with you, read-only.").waitFor();
      await visitor.getByText("Limits, informally").first().waitFor();
      await visitor.getByRole("heading", { name: "Chapters" }).waitFor();
      // The lecture plays through the API, not from a storage address that names the owner's account.
      expect(await visitor.locator('video[data-source="lecture"]').getAttribute("src")).toBe(
        `${link.replace("/s/", "/v1/shared/")}/lecture`,
      );
      // Signed out: no account's pages in the navigation, and no way to change anything.
      expect(await visitor.getByRole("link", { name: "Sign in" }).count()).toBe(1);
      expect(await visitor.getByRole("button", { name: "Share", exact: true }).count()).toBe(0);
      expect(await seriousAccessibilityIssues(visitor)).toEqual([]);
      await saveScreenshot(visitor, "shared-results", viewport);

      await dialog.getByRole("button", { name: /^Revoke the link made/ }).click();
      await owner.locator("dialog.confirm").getByRole("button", { name: "Revoke", exact: true }).click();
      await dialog.getByText("No working links.").waitFor();

      await visitor.reload();
      await visitor.getByRole("heading", { name: "This link no longer works" }).waitFor();
      expect(await visitor.getByText("Limits, informally").count()).toBe(0);
      await saveScreenshot(visitor, "shared-link-revoked", viewport);

      await visitorContext.close();
      await ownerContext.close();
    },
    120_000,
  );
});
