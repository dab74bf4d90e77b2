import { randomBytes } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Session } from "../../agents/contracts/session.ts";
import { issueAccessToken } from "../../worker/auth/access-token.ts";
import { JobsApi } from "../../worker/client/jobs-api.ts";
import { UploadClient } from "../../worker/client/upload-client.ts";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, type ViewportName, viewports } from "./viewports.ts";

const password = "a session test password";

/** Records every Content-Security-Policy violation of the context's pages in `window.cspViolations`. */
async function watchPolicyViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} ${new URL(event.sourceFile || location.href).pathname}`,
      ),
    );
  });
}

const policyViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

/** What script could read: both storages and the cookies `document.cookie` shows. */
const scriptReadable = (page: Page) =>
  page.evaluate(() =>
    JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
  );

const signedInAs = (page: Page, email: string) =>
  page.getByRole("button", { name: `Sign out ${email}` }).waitFor({ timeout: 15_000 });

/**
 * Sessions in a real browser: the refresh token in an HttpOnly cookie, the access token in
 * memory only; a reload and new tabs stay signed in, concurrent tabs do not log each other out;
 * a signed-out deep link returns to its page after sign-in; signing out in one tab signs out the
 * others. The app and /docs run under the Content-Security-Policy without a violation.
 */
describe("sessions in the web app", () => {
  const suite = browserStack(1700);
  const { stack } = suite;
  let email = "";
  let userId = "";
  let jobId = "";

  /** A job of the account, made through the API: a small file that is no video, so it fails at once and costs nothing. */
  async function createJob(): Promise<string> {
    const login = await fetch(`${stack.apiUrl}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    const { accessToken } = (await login.json()) as Session;
    const connection = { apiBase: stack.apiUrl, token: accessToken };
    const upload = await new UploadClient(connection).upload(new Blob([randomBytes(4096)]), {
      filename: "session-lecture.mp4",
    });
    return (await new JobsApi(connection).create({ uploadId: upload.id })).id;
  }

  const signIn = async (page: Page) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };

  it("shows signed-out visitors what the product does, at both sizes, within the policy", async () => {
    for (const viewport of Object.keys(viewports) as ViewportName[]) {
      const context = await suite.browser.newContext({ viewport: viewports[viewport] });
      await watchPolicyViolations(context);
      const page = await context.newPage();
      const document = await page.goto(`${stack.apiUrl}/`);
      const policy = document?.headers()["content-security-policy"] ?? "";
      expect(policy).toContain("script-src 'self';");
      expect(policy).toContain("frame-ancestors 'none'");
      await page.getByRole("heading", { name: "Turn long lectures into their best moments" }).waitFor();
      await page.getByRole("link", { name: "Create an account" }).waitFor();
      await page.getByRole("link", { name: "Sign in" }).first().waitFor();
      await saveScreenshot(page, "landing", viewport);
      expect(await seriousAccessibilityIssues(page)).toEqual([]);
      expect(await policyViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it("keeps the tokens out of script's reach and stays signed in across a reload and new tabs", async () => {
    const context = await suite.browser.newContext({ viewport: viewports.wide });
    await watchPolicyViolations(context);
    const page = await context.newPage();
    email = `session-${Date.now()}@example.com`;
    await page.goto(`${stack.apiUrl}/#/sign-up`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    const [registered] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith("/v1/auth/register")),
      page.getByRole("button", { name: "Create account" }).click(),
    ]);
    const session = (await registered.json()) as Partial<Session>;
    expect(session.refreshToken).toBeUndefined();
    userId = session.user!.id;
    expect((await registered.allHeaders())["set-cookie"]).toMatch(/^lh_refresh=.*HttpOnly.*SameSite=Strict/);
    await page.getByRole("heading", { name: "New highlights" }).waitFor();
    await signedInAs(page, email);

    jobId = await createJob();
    await page.goto(`${stack.apiUrl}/#/jobs`);
    await page.locator(".job-list .job-name").first().waitFor();
    const readable = await scriptReadable(page);
    expect(readable).not.toContain(session.accessToken!);
    expect(readable).not.toMatch(/eyJ[\w-]+\.[\w-]+\./); // no JWT of any kind
    expect(readable).not.toContain("lh_refresh");

    await page.reload();
    await signedInAs(page, email);
    await page.locator(".job-list .job-name").first().waitFor();

    // Several tabs at once, each refreshing from the one cookie: the lock keeps them in line, so
    // the single-use token is never presented twice (which would revoke the session).
    const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto(`${stack.apiUrl}/#/jobs/${jobId}`)));
    for (const tab of tabs) {
      await tab.locator(".job-status").waitFor({ timeout: 15_000 });
      await signedInAs(tab, email);
      expect(await policyViolations(tab)).toEqual([]);
    }
    await saveScreenshot(tabs[0]!, "job-in-new-tab", "wide");
    await page.reload();
    await signedInAs(page, email);
    expect(await policyViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it("renews an expired access token from the cookie and carries on", async () => {
    const context = await suite.browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/#/sign-in`);
    await signIn(page);
    await signedInAs(page, email);
    // The first jobs request carries an access token that expired five minutes ago: the API's own 401 token_expired.
    const expiredToken = await issueAccessToken(
      { JWT_SECRET: stack.config.secrets.jwt },
      userId,
      Date.now() - 20 * 60_000,
    );
    let expired = false;
    await page.route(
      (url) => url.pathname === "/v1/jobs",
      async (route) => {
        if (expired) return route.continue();
        expired = true;
        return route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expiredToken}` } });
      },
    );
    const refreshed = page.waitForResponse((response) => response.url().endsWith("/v1/auth/refresh"));
    await page.goto(`${stack.apiUrl}/#/jobs`);
    expect((await refreshed).status()).toBe(200);
    await page.locator(".job-list .job-name").first().waitFor();
    expect(expired).toBe(true);
    await context.close();
  });

  it("brings a signed-out deep link back to its page after sign-in", async () => {
    const context = await suite.browser.newContext({ viewport: viewports.phone });
    await watchPolicyViolations(context);
    const page = await context.newPage();
    await page.goto(`${stack.apiUrl}/#/jobs/${jobId}`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(page.url()).hash).toBe(`#/sign-in?next=%2Fjobs%2F${jobId}`);
    await saveScreenshot(page, "sign-in-return", "phone");
    expect(await seriousAccessibilityIssues(page)).toEqual([]);
    await signIn(page);
    await page.waitForURL(`**/#/jobs/${jobId}`);
    await page.locator(".job-status").waitFor();
    expect(await policyViolations(page)).toEqual([]);
    await context.close();
  });

  it("signs every tab out when one tab signs out", async () => {
    const context = await suite.browser.newContext({ viewport: viewports.wide });
    const first = await context.newPage();
    await first.goto(`${stack.apiUrl}/#/sign-in`);
    await signIn(first);
    await signedInAs(first, email);
    const second = await context.newPage();
    await second.goto(`${stack.apiUrl}/#/jobs`);
    await signedInAs(second, email);

    await first.getByRole("button", { name: `Sign out ${email}` }).click();
    await first.getByRole("heading", { name: "Turn long lectures into their best moments" }).waitFor();
    await second.getByRole("heading", { name: "Sign in" }).waitFor();
    expect(new URL(second.url()).hash).toBe("#/sign-in?next=%2Fjobs");
    // Nothing is left to sign a new tab in with: the cookie was cleared and its session revoked.
    const third = await context.newPage();
    await third.goto(`${stack.apiUrl}/#/jobs`);
    await third.getByRole("heading", { name: "Sign in" }).waitFor();
    expect((await context.cookies()).filter((cookie) => cookie.name === "lh_refresh")).toEqual([]);
    await context.close();
  });

  it("renders the API reference under the policy, with its styles and no violation", async () => {
    const context = await suite.browser.newContext({ viewport: viewports.wide });
    await watchPolicyViolations(context);
    const page = await context.newPage();
    const document = await page.goto(`${stack.apiUrl}/docs`);
    expect(document?.headers()["content-security-policy"]).toContain("style-src 'self' 'unsafe-inline'");
    await page.getByRole("heading", { name: "Lecture Highlights API" }).first().waitFor({ timeout: 30_000 });
    await page.getByText("Turns lecture recordings into highlights.").first().waitFor();
    // The one refusal is zod's probe inside Scalar's bundle (`try { Function("") } catch`), which
    // then validates without eval: eval stays refused and the reference works.
    expect(await policyViolations(page)).toEqual(["script-src eval /vendor/scalar-api-reference.js"]);
    const asset = await fetch(`${stack.apiUrl}/app.js`);
    expect(asset.headers.get("x-content-type-options")).toBe("nosniff");
    expect(asset.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    await context.close();
  });
});
