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

/** Saves `page` as `name` at both sizes, axe finding nothing serious at either; leaves it at the phone's. */
async function checkAtBothSizes(page: Page, name: string): Promise<void> {
  for (const viewport of ["wide", "phone"] as const) {
    await page.setViewportSize(viewports[viewport]);
    await saveScreenshot(page, name, viewport);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
  }
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

    // The live connection drops and comes back: the page says so, then stops saying it.
    const notice = page.locator(".connection-notice");
    await page
      .locator('.connection-notice[data-connection="connected"]')
      .waitFor({ state: "attached", timeout: 30_000 });
    await page.context().setOffline(true);
    await page.getByRole("status").filter({ hasText: "Reconnecting" }).waitFor({ timeout: 30_000 });
    await checkAtBothSizes(page, "job-reconnecting");
    await page.context().setOffline(false);
    await page
      .locator('.connection-notice[data-connection="connected"]')
      .waitFor({ state: "attached", timeout: 60_000 });
    await notice.waitFor({ state: "hidden" });
    expect(await notice.textContent()).toBe("");

    // Cancelling asks first; keeping the job leaves it running.
    await page.getByRole("button", { name: "Cancel job" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Keep processing" }).click();
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.getByRole("button", { name: "Cancel job" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel job" }).click(); // frees the media worker
    await page.locator('.job-status:has-text("cancelled")').waitFor();

    await page.goto(`${stack.apiUrl}/#/jobs`);
    await page.getByRole("button", { name: /^Delete / }).click();
    await checkAtBothSizes(page, "confirm-delete");
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByText("No jobs yet.").waitFor();
    await page.context().close();
  }, 180_000);

  it("says what is wrong beside each field, once, before any byte is uploaded", async () => {
    const page = await newPage();
    await signUp(page, `web-fields-${Date.now()}@example.com`);
    const uploads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "PUT" || request.url().includes("/v1/uploads")) uploads.push(request.url());
    });
    await page.getByRole("button", { name: "Upload and start" }).click();
    await expect.poll(() => page.locator("#lecture-file-error").textContent()).toBe("Choose a lecture file first.");

    await page.getByLabel("Choose a file").setInputFiles({
      name: "lecture.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.alloc(1024),
    });
    await page.getByLabel("Highlights").fill("50");
    await page.getByLabel("Language").fill("English");
    await page.getByRole("button", { name: "Upload and start" }).click();
    await expect.poll(() => page.locator("#language-error").textContent()).toContain("such as en or en-US");
    expect(await page.locator("#highlightCount-error").textContent()).toBe(
      "Enter a whole number from 1 to 20, or leave it empty.",
    );
    expect(await page.getByLabel("Language").getAttribute("aria-invalid")).toBe("true");
    const body = ((await page.locator("main").textContent()) ?? "").replace(/\s+/g, " ");
    expect(body).not.toContain("Please match the requested format");
    expect(body.match(/such as en or en-US/g)).toHaveLength(1);
    expect(uploads).toEqual([]);
    await checkAtBothSizes(page, "new-job-field-errors");

    // A file the API refuses by name: its message once, beside the file.
    await page.getByLabel("Highlights").fill("");
    await page.getByLabel("Language").fill("en");
    await page.getByLabel("Choose a file").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not a lecture"),
    });
    await page.getByRole("button", { name: "Upload and start" }).click();
    await expect.poll(() => page.locator("#lecture-file-error").textContent()).toMatch(/must end in/i);
    expect(((await page.locator("main").textContent()) ?? "").match(/must end in/gi)).toHaveLength(1);
    expect(uploads.filter((url) => !url.endsWith("/v1/uploads"))).toEqual([]);

    await page.context().setOffline(true);
    await page.getByRole("button", { name: "Upload and start" }).click();
    await expect.poll(() => page.locator(".error").first().textContent()).toContain("cannot be reached");
    expect(await page.locator("main").textContent()).not.toContain("Failed to fetch");
    await page.context().close();
  });

  it("shows a one-PUT upload's progress, speed and time left, and cancels it", async () => {
    const page = await newPage();
    await signUp(page, `web-cancel-${Date.now()}@example.com`);
    // Slow the uplink so the upload lasts long enough to watch: 3 MiB at 128 KiB/s.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 128 * 1024,
    });
    await page.getByLabel("Choose a file").setInputFiles({
      name: "slow-lecture.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.alloc(3 * 1024 * 1024, 7),
    });
    await page.getByRole("button", { name: "Upload and start" }).click();
    const text = page.locator(".upload-row .progress-text");
    await expect
      .poll(() => text.textContent(), { timeout: 30_000 })
      .toMatch(/^[1-9][\d.]* (KB|MB) of 3\.0 MB uploaded · .+\/s · .+ left$/);
    await checkAtBothSizes(page, "upload-progress");
    await page.getByRole("button", { name: "Cancel upload" }).click();
    await expect.poll(() => page.locator(".error").first().textContent()).toContain("Upload cancelled");
    expect(await page.locator(".upload-row").isHidden()).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem("lh.pendingUploads"))).toBe("[]");
    expect(await page.getByRole("button", { name: "Upload and start" }).isEnabled()).toBe(true);
    await page.context().close();
  });

  it("says in plain words what is wrong with a file that fails, and offers another", async () => {
    const page = await newPage();
    await signUp(page, `web-failed-${Date.now()}@example.com`);
    await page.getByLabel("Choose a file").setInputFiles({
      name: "broken.mp4",
      mimeType: "video/mp4",
      buffer: Buffer.from("ftyp but no moov atom: this is not a video".repeat(200)),
    });
    await page.getByRole("button", { name: "Upload and start" }).click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    const failure = page.locator(".failure");
    await failure.waitFor({ timeout: 120_000 });
    expect(await failure.locator(".failure-code").textContent()).toMatch(/^input_/);
    expect(await failure.locator(".failure-reason").textContent()).toMatch(/^[A-Z].+\.$/);
    const text = await page.locator("main").textContent();
    expect(text).not.toMatch(/moov|0x[0-9a-f]{6,}|ffmpeg|ffprobe/i);
    expect(await page.locator('.stages li[data-status="running"]').count()).toBe(0);
    await checkAtBothSizes(page, "job-failed");
    // A reload reads the failure from the job, not from the live stream: the same words.
    await page.reload();
    await failure.waitFor();
    expect(await page.locator('.stages li[data-status="running"]').count()).toBe(0);
    await page.getByRole("link", { name: "Try another file" }).click();
    await page.getByRole("heading", { name: "New highlights" }).waitFor();
    await page.context().close();
  });

  it("creates an API key and a webhook endpoint, copies their secrets and asks before removing them", async () => {
    const page = await newPage();
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUp(page, `web-keys-${Date.now()}@example.com`);
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await page.goto(`${stack.apiUrl}/#/api-keys`);
    await page.getByLabel("Name").fill("LMS");
    await page.getByRole("button", { name: "Create key" }).click();
    await expect.poll(() => page.locator("input.secret").inputValue()).toMatch(/^lh_/);
    await page.getByRole("button", { name: "Copy the new API key" }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    expect(await clipboard()).toBe(await page.locator("input.secret").inputValue());
    await page.getByRole("button", { name: "Revoke key LMS" }).waitFor();
    await shot(page, "6-api-keys");
    await checkAtBothSizes(page, "api-keys");

    // Revoking asks first; once revoked, the notice of the key's secret goes with it.
    await page.getByRole("button", { name: "Revoke key LMS" }).click();
    await checkAtBothSizes(page, "confirm-revoke");
    await page.getByRole("dialog").getByRole("button", { name: "Keep it" }).click();
    expect(await page.locator("input.secret").count()).toBe(1);
    await page.getByRole("button", { name: "Revoke key LMS" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await page.getByText("No API keys yet.").waitFor();
    expect(await page.locator("input.secret").count()).toBe(0);

    await page.goto(`${stack.apiUrl}/#/webhooks`);
    await page.getByLabel("Endpoint URL").fill("https://hooks.example.com/lecture-highlights");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => page.locator("input.secret").inputValue()).toMatch(/^whsec_/);
    await page.getByRole("button", { name: "Copy the new signing secret" }).click();
    await page.getByRole("status").filter({ hasText: "Copied" }).waitFor();
    expect(await clipboard()).toMatch(/^whsec_/);
    await page.getByText("Recent deliveries").click();
    await page.getByText("No deliveries yet.").waitFor();
    await page.getByText("Your account has no signing secret yet.").waitFor();
    await page.getByRole("button", { name: "Create the secret" }).click();
    await expect.poll(() => page.locator("input.secret").count()).toBe(2);
    expect(await page.locator("input.secret").last().inputValue()).toMatch(/^whsec_/);
    await page.getByText("Your account has a signing secret").waitFor();
    await page.getByRole("button", { name: "Rotate the secret", exact: true }).waitFor();
    await shot(page, "7-webhooks");
    await checkAtBothSizes(page, "webhooks");

    await page.getByRole("button", { name: "Remove https://hooks.example.com/lecture-highlights" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
    await page.getByText("No endpoints yet.").waitFor();
    // The account secret's notice stays: only the removed endpoint's went.
    expect(await page.locator("input.secret").count()).toBe(1);
    await page.context().close();
  });
});
