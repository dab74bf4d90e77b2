import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture, shortScript } from "../../infra/sample-lecture/scripts.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, screenshotFolder as screenshots, type ViewportName, viewports } from "./viewports.ts";

type Results = {
  durationSeconds: number;
  chapters: { start: number; title: string }[];
  highlights: { start: number; end: number }[];
};

/** The lecture's player, where it is on screen and what it plays. */
const lectureState = (page: Page) =>
  page.locator("video.lecture-player").evaluate((video: HTMLVideoElement) => {
    const box = video.getBoundingClientRect();
    return {
      time: video.currentTime,
      playing: !video.paused,
      inView: box.top >= -1 && box.bottom <= window.innerHeight + 1,
    };
  });

/**
 * The results page at one viewport: the timeline shows every chapter and highlight; a chapter
 * (clicked from the list below, far down on a phone) plays the lecture from that chapter, in
 * view; so does a highlight; a sentence of the transcript seeks; the search finds what was said;
 * the clips and the reel have captions; axe finds nothing serious.
 */
async function checkResultsPage(page: Page, viewport: ViewportName, accessToken: string): Promise<void> {
  await page.locator(".timeline").waitFor({ timeout: 30_000 });
  const jobId = page.url().split("/").pop()!;
  // The page keeps its token out of script's reach: the test asks the API with a session of its own.
  const response = await fetch(new URL(`/v1/jobs/${jobId}/results`, page.url()), {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const results = (await response.json()) as Results;
  expect(results.chapters.length).toBeGreaterThan(0);
  expect(await page.locator(".timeline-chapter").count()).toBe(results.chapters.length);
  expect(await page.locator(".timeline-highlight").count()).toBe(results.highlights.length);
  await expect.poll(() => page.locator("video.lecture-player track").count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => page.locator("video track").count(), { timeout: 15_000 }).toBeGreaterThan(1);
  await saveScreenshot(page, "results", viewport);

  const last = results.chapters.at(-1)!;
  await page.locator("button.chapter").last().click();
  await expect
    .poll(
      async () => {
        const state = await lectureState(page);
        return state.playing && state.inView && state.time >= last.start - 0.5 && state.time < last.start + 8;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await saveScreenshot(page, "results-chapter", viewport);

  const highlight = results.highlights.at(-1)!;
  await page.locator("button.highlight").last().click();
  await expect
    .poll(
      async () => {
        const state = await lectureState(page);
        return state.playing && state.inView && state.time >= highlight.start - 0.5 && state.time <= highlight.end;
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  await page.locator(".timeline-chapter").first().click();
  await expect
    .poll(async () => (await lectureState(page)).time, { timeout: 30_000 })
    .toBeLessThan(results.chapters[0]!.start + 8);

  const sentence = page.locator(".transcript .sentence").nth(3);
  await sentence.click();
  await expect.poll(() => page.locator(".transcript li[aria-current]").count(), { timeout: 15_000 }).toBe(1);

  const spoken = (await sentence.textContent())!.split(/\W+/).sort((a, b) => b.length - a.length)[0]!;
  await page.getByLabel("Search the transcript and slides").fill(spoken);
  await expect.poll(() => page.locator(".search-results li").count()).toBeGreaterThan(0);
  expect(await seriousAccessibilityIssues(page)).toEqual([]);
}

/**
 * The web app in a real browser against the local stack: a user signs up, uploads a lecture,
 * watches it being processed and uses the results; another user cannot see that job.
 */
describe("the web app", () => {
  const suite = browserStack(800);
  const { stack } = suite;

  const newPage = async (): Promise<Page> => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
    return context.newPage();
  };
  const signUp = async (page: Page, email: string) => {
    await page.goto(`${stack.apiUrl}/#/sign-up`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a browser test password");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("heading", { name: "New highlights" }).waitFor();
  };
  /** An access token of the test's own for `email`, to ask the API what the page shows. */
  const apiToken = async (email: string) => {
    const response = await fetch(`${stack.apiUrl}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "a browser test password" }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

  let jobUrl = "";

  it("signs up, uploads a lecture, follows its progress and uses the results", async () => {
    const lecture = await generateLecture({ script: shortScript(calculusLecture, 3, 3), height: 360 });
    const page = await newPage();
    const email = `web-${Date.now()}@example.com`;
    await signUp(page, email);
    await shot(page, "1-new-job");

    await page.getByLabel("Choose a file").setInputFiles(lecture.path);
    await expect.poll(() => page.locator(".chosen-file").textContent()).toContain(".mp4");
    await page.getByLabel("Highlights").fill("3");
    await page.getByRole("button", { name: "Upload and start" }).click();

    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    jobUrl = page.url();
    // Stages advance live: some stage runs or finishes before the job does.
    await page.locator('.stages li[data-status="completed"]').first().waitFor({ timeout: 120_000 });
    await shot(page, "2-job-progress");

    await page.getByRole("heading", { name: "Results" }).waitFor({ timeout: 240_000 });
    await expect(page.locator(".job-status").textContent()).resolves.toContain("completed");
    expect(await page.locator('.stages li[data-status="pending"]').count()).toBe(0);
    const accessToken = await apiToken(email);
    await checkResultsPage(page, "phone", accessToken);
    const wide = await suite.browser.newPage({ viewport: viewports.wide });
    await wide.goto(`${stack.apiUrl}/#/sign-in`);
    await wide.getByLabel("Email").fill(email);
    await wide.getByLabel("Password").fill("a browser test password");
    await wide.getByRole("button", { name: "Sign in" }).click();
    await wide.getByRole("heading", { name: "New highlights" }).waitFor();
    await wide.goto(jobUrl);
    await checkResultsPage(wide, "wide", accessToken);
    await wide.context().close();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Reel captions (VTT)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("reel.vtt");
    expect(readFileSync((await download.path())!, "utf8")).toMatch(/^WEBVTT/);

    await page.getByText("Rename").click();
    await page.getByLabel("Lecture name").fill("Week 3: Limits");
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { name: "Week 3: Limits" }).waitFor();

    await page.goto(`${stack.apiUrl}/#/jobs`);
    await page.locator(".job-list .job-name").first().waitFor();
    expect(await page.locator(".job-list .status").first().textContent()).toBe("Ready");
    await page.getByLabel("Search your lectures by name").fill("limits");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect.poll(() => page.locator(".job-list .job-name").allTextContents()).toEqual(["Week 3: Limits"]);
    await page.getByLabel("Search your lectures by name").fill("integrals");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("No lecture has this in its name.").waitFor();
    await page.getByLabel("Search your lectures by name").fill("");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.locator(".job-list .job-name").first().waitFor();
    await shot(page, "4-jobs");
    await page.context().close();
  }, 420_000);

  it("does not show a job to another user", async () => {
    expect(jobUrl).not.toBe("");
    const page = await newPage();
    await signUp(page, `web-other-${Date.now()}@example.com`);
    await page.goto(jobUrl);
    await page.getByRole("heading", { name: "Job not found" }).waitFor();
    await shot(page, "5-not-found");
    await page.context().close();
  });

  it("resumes an interrupted upload when the same file is picked after a reload", async () => {
    const lecture = await generateLecture({ script: shortScript(calculusLecture, 3, 3), height: 360 });
    const page = await newPage();
    const email = `web-resume-${Date.now()}@example.com`;
    await signUp(page, email);
    // The storage refuses every PUT: the upload is created, then fails.
    await page.route("**/*", (route) => (route.request().method() === "PUT" ? route.abort() : route.continue()));
    await page.getByLabel("Choose a file").setInputFiles(lecture.path);
    await page.getByRole("button", { name: "Upload and start" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 60_000 }).toContain("resume");
    const pending = await page.evaluate(() => JSON.parse(localStorage.getItem("lh.pendingUploads") ?? "[]"));
    expect(pending).toHaveLength(1);

    await page.unrouteAll();
    await page.reload();
    await page.getByLabel("Choose a file").setInputFiles(lecture.path);
    await expect.poll(() => page.locator(".chosen-file").textContent()).toContain("resume");
    await page.getByRole("button", { name: "Resume upload and start" }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const jobResponse = await fetch(`${stack.apiUrl}/v1/jobs/${page.url().split("/").pop()!}`, {
      headers: { authorization: `Bearer ${await apiToken(email)}` },
    });
    const job = (await jobResponse.json()) as { uploadId: string };
    expect(job.uploadId).toBe(pending[0].uploadId);
    expect(await page.evaluate(() => localStorage.getItem("lh.pendingUploads"))).toBe("[]");
    await page.getByRole("button", { name: "Cancel job" }).click(); // frees the media worker
    await page.locator('.job-status:has-text("cancelled")').waitFor();

    await page.goto(`${stack.apiUrl}/#/jobs`);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: /^Delete / }).click();
    await page.getByText("No jobs yet.").waitFor();
    await page.context().close();
  }, 180_000);

  it("creates an API key and a webhook endpoint", async () => {
    const page = await newPage();
    await signUp(page, `web-keys-${Date.now()}@example.com`);
    await page.goto(`${stack.apiUrl}/#/api-keys`);
    await page.getByLabel("Name").fill("LMS");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect.poll(() => page.locator("input.secret").inputValue()).toMatch(/^lh_/);
    await page.getByRole("button", { name: "Revoke key LMS" }).waitFor();
    await shot(page, "6-api-keys");

    await page.goto(`${stack.apiUrl}/#/webhooks`);
    await page.getByLabel("Endpoint URL").fill("https://hooks.example.com/lecture-highlights");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => page.locator("input.secret").inputValue()).toMatch(/^whsec_/);
    await page.getByText("Recent deliveries").click();
    await page.getByText("No deliveries yet.").waitFor();
    await page.getByText("Your account has no signing secret yet.").waitFor();
    await page.getByRole("button", { name: "Create the secret" }).click();
    await expect.poll(() => page.locator("input.secret").count()).toBe(2);
    expect(await page.locator("input.secret").last().inputValue()).toMatch(/^whsec_/);
    await page.getByText("Your account has a signing secret").waitFor();
    await page.getByRole("button", { name: "Rotate the secret", exact: true }).waitFor();
    await shot(page, "7-webhooks");
    await page.context().close();
  });
});
