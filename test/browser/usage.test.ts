import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { JobOptions } from "../../agents/contracts/job.ts";
import type { Session } from "../../agents/contracts/session.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { UploadClient } from "../../worker/client/upload-client.ts";
import { addMonths, monthOf } from "../../worker/usage/months.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, type ViewportName, viewports } from "./viewports.ts";

const password = "a usage test password";

type SeededJob = { month: string; status: string; minutes?: number; costUsd?: number };

/**
 * The usage page at a laptop's and a phone's size: the month's numbers, the two charts with a bar
 * per month, the table that says the same, and the limits form; axe finds nothing serious.
 */
describe("the usage page", () => {
  const suite = browserStack(2500);
  const { stack } = suite;
  const current = monthOf(new Date());
  const previous = addMonths(current, -1);

  async function register(email: string): Promise<Session> {
    const response = await fetch(`${stack.apiUrl}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Session;
  }

  /** Finished jobs straight into the database, on the 2nd of their month: the page is about what they add up to. */
  async function seed(userId: string, jobs: SeededJob[]): Promise<void> {
    const client = new pg.Client({ connectionString: stack.config.database.url });
    await client.connect();
    try {
      for (const job of jobs) {
        const upload = await client.query<{ id: string }>(
          `insert into uploads (organization_id, user_id, filename, content_type, size_bytes, object_key, status, expires_at)
           values ($1, $1, 'seeded.mp4', 'video/mp4', 1, $2, 'completed', now() + interval '1 day') returning id`,
          [userId, `uploads/${userId}/${crypto.randomUUID()}/source.mp4`],
        );
        await client.query(
          `insert into jobs (organization_id, user_id, upload_id, name, options, status, duration_seconds, ai_cost_usd, created_at)
           values ($1, $1, $2, 'Seeded lecture', $3, $4, $5, $6, $7)`,
          [
            userId,
            upload.rows[0]!.id,
            JSON.stringify(JobOptions.parse({})),
            job.status,
            job.minutes === undefined ? null : job.minutes * 60,
            job.costUsd ?? null,
            `${job.month}-02T12:00:00Z`,
          ],
        );
      }
    } finally {
      await client.end();
    }
  }

  /** A job run through the stack: a file that is no video, so the pipeline fails it at once. */
  async function runFailingJob(session: Session): Promise<void> {
    const connection = { apiBase: stack.apiUrl, token: session.accessToken };
    const upload = await new UploadClient(connection).upload(new Blob([randomBytes(4096)]), {
      filename: "not-a-lecture.mp4",
    });
    const job = await new JobsApi(connection).create({ uploadId: upload.id });
    await expect
      .poll(
        async () => {
          const response = await fetch(`${stack.apiUrl}/v1/jobs/${job.id}`, {
            headers: { authorization: `Bearer ${session.accessToken}` },
          });
          return ((await response.json()) as { status: string }).status;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe("failed");
  }

  const tableRow = (page: Page, month: string) =>
    page
      .locator(".usage-table tbody tr")
      .filter({ has: page.getByRole("rowheader", { name: month }) })
      .locator("td")
      .allTextContents();

  it("shows minutes, outcomes and cost per month as charts and a table, at both sizes", async () => {
    const email = `usage-${Date.now()}@example.com`;
    const session = await register(email);
    await seed(session.user.id, [
      { month: current, status: "completed", minutes: 12.5, costUsd: 0.02 },
      { month: current, status: "completed", minutes: 30, costUsd: 0.05 },
      { month: current, status: "cancelled" },
      { month: previous, status: "completed", minutes: 45 },
      { month: addMonths(current, -3), status: "processing" },
    ]);
    await runFailingJob(session);
    const other = await register(`usage-other-${Date.now()}@example.com`);
    await seed(other.user.id, [{ month: current, status: "completed", minutes: 500, costUsd: 9 }]);

    const currentInWords = new Date(`${current}-01T00:00:00Z`).toLocaleDateString("en", {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    const previousInWords = new Date(`${previous}-01T00:00:00Z`).toLocaleDateString("en", {
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });

    let limitShown = "";
    for (const viewport of Object.keys(viewports) as ViewportName[]) {
      const context = await suite.browser.newContext({ viewport: viewports[viewport] });
      const page = await context.newPage();
      await page.goto(`${stack.apiUrl}/#/sign-in?next=${encodeURIComponent("/usage")}`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Usage", level: 1 }).waitFor({ timeout: 15_000 });
      await page.locator("#minutes-chart").waitFor({ timeout: 15_000 });

      // Minutes, then completed, failed, cancelled, in progress, cost: only this account's jobs.
      expect(await tableRow(page, currentInWords)).toEqual(["42.5", "2", "1", "1", "0", "$0.0700"]);
      expect(await tableRow(page, previousInWords)).toEqual(["45", "1", "0", "0", "0", "$0.00"]);
      expect(await page.locator(".usage-table tbody tr").count()).toBe(6);
      // The limit set at the first size shows at the next.
      await expect.poll(() => page.locator(".usage-summary dd").first().textContent()).toBe(`42.5${limitShown}`);

      const minutesChart = page.getByRole("img", { name: /Lecture minutes processed per month/ });
      expect(await minutesChart.count()).toBe(1);
      expect(await page.locator("#minutes-chart .chart-bar").count()).toBe(6);
      expect(await page.locator("#minutes-chart .chart-total").allTextContents()).toEqual(["45", "42.5"]);
      expect(await page.locator("#jobs-chart .chart-total").allTextContents()).toEqual(["1", "1", "4"]);
      expect(await page.locator("#jobs-chart rect.bar-failed").count()).toBe(6);
      const box = await minutesChart.boundingBox();
      // The chart fits the screen (nothing to scroll sideways on a phone) and is drawn at least
      // 300 px wide, where its 13-unit labels are at least 11 px tall: readable.
      expect(box!.width).toBeLessThanOrEqual(viewports[viewport].width);
      expect(box!.width).toBeGreaterThanOrEqual(300);
      await saveScreenshot(page, "usage", viewport);
      expect(await seriousAccessibilityIssues(page)).toEqual([]);

      if (viewport === "wide") {
        await page.getByLabel("Lecture minutes per month").fill("40");
        await page.getByRole("button", { name: "Save limits" }).click();
        await expect.poll(() => page.locator(".usage-summary dd").first().textContent()).toBe("42.5 of 40");
        const refused = await fetch(`${stack.apiUrl}/v1/jobs`, {
          method: "POST",
          headers: { authorization: `Bearer ${session.accessToken}`, "content-type": "application/json" },
          body: JSON.stringify({ uploadId: crypto.randomUUID() }),
        });
        expect(await refused.json()).toMatchObject({ code: "usage_limit_reached", allowed: 40, used: 42.5 });
        limitShown = " of 40";
      }
      await context.close();
    }
  });
});
