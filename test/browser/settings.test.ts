import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Session } from "../../agents/contracts/session.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, viewports } from "./viewports.ts";

const password = "a settings test password";

/**
 * The settings page in a real browser: a user's default job options and email choices are
 * shown as the API has them, saved from the page, and still there after a reload; the new-job
 * page then leaves the language empty, so the default applies rather than a prefilled "en".
 */
describe("the settings page", () => {
  const suite = browserStack(3100);
  const { stack } = suite;

  async function signedIn(): Promise<{ page: Page; accessToken: string }> {
    const email = `settings-${crypto.randomUUID()}@example.com`;
    const registered = await fetch(`${stack.apiUrl}/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    const { accessToken } = (await registered.json()) as Session;
    const page = await (await suite.browser.newContext({ viewport: viewports.wide })).newPage();
    await page.goto(`${stack.apiUrl}/#/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: `Sign out ${email}` }).waitFor({ timeout: 15_000 });
    return { page, accessToken };
  }

  it("saves default job options and email choices, which the API and a reload then show", async () => {
    const { page, accessToken } = await signedIn();
    await page.getByRole("link", { name: "Settings" }).click();
    const defaults = page.getByRole("form", { name: "Your default job options" });
    await defaults.getByLabel("Highlights").fill("4");
    await defaults.getByLabel("Language").fill("de");
    await defaults.getByRole("button", { name: "Save" }).click();
    await defaults.getByText("Saved.").waitFor();
    const emails = page.getByRole("form", { name: "Emails" });
    await emails.getByLabel("Email me when a job fails").check();
    await emails.getByRole("button", { name: "Save" }).click();
    await emails.getByText("Saved.").waitFor();

    const stored = await fetch(`${stack.apiUrl}/v1/me/preferences`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await stored.json()).toEqual({
      jobDefaults: { highlightCount: 4, language: "de" },
      notifications: { emailOnCompleted: false, emailOnFailed: true },
    });
    await page.reload();
    await expect.poll(() => defaults.getByLabel("Highlights").inputValue(), { timeout: 15_000 }).toBe("4");
    expect(await emails.getByLabel("Email me when a job fails").isChecked()).toBe(true);
    expect(await emails.getByLabel("Email me when a job's highlights are ready").isChecked()).toBe(false);
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await saveScreenshot(page, "settings", "wide");

    await defaults.getByLabel("Highlights").fill("40");
    await defaults.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => defaults.getByRole("alert").textContent()).toContain("highlightCount");

    // The new-job form leaves the language empty, so the saved default applies. Read it once the
    // page has changed: until then "Language" is still the settings form's field.
    await page.getByRole("link", { name: "New" }).click();
    await page.getByRole("heading", { name: "New highlights" }).waitFor();
    expect(await page.getByLabel("Language").inputValue()).toBe("");
  }, 120_000);
});
