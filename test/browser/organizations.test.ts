import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousAccessibilityIssues } from "./accessibility.ts";
import { browserStack } from "./browser-stack.ts";
import { saveScreenshot, type ViewportName, viewports } from "./viewports.ts";

const password = "an organizations test password";

async function register(apiUrl: string, label: string): Promise<string> {
  const email = `${label}-${crypto.randomUUID()}@example.com`;
  const response = await fetch(`${apiUrl}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(201);
  return email;
}

/** A browser of its own for `email`, signed in through the sign-in page, which then opens `path`. */
async function signedIn(browser: Browser, viewport: ViewportName, apiUrl: string, email: string, path: string) {
  const context = await browser.newContext({ viewport: viewports[viewport] });
  const page = await context.newPage();
  await page.goto(`${apiUrl}/#${path}`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: `Sign out ${email}` }).waitFor({ timeout: 15_000 });
  return { context, page };
}

const roleLine = (page: Page, role: string) =>
  page.locator("#organization-role", { hasText: `your role is ${role}.` }).waitFor({ timeout: 15_000 });

/**
 * Issue #19: an owner invites a member from the web app (and revokes a mistaken invitation), the
 * member opens the link and accepts, the owner changes their role, and the member's page follows: as a viewer they are
 * offered no invitations, as an admin they are.
 */
describe("organizations in the web app", () => {
  const suite = browserStack(1300);
  const { stack } = suite;

  it.each(Object.keys(viewports) as ViewportName[])(
    "invite a member, who accepts; the owner changes the role and the member sees it (%s)",
    async (viewport) => {
      const [ownerEmail, memberEmail] = [await register(stack.apiUrl, "owner"), await register(stack.apiUrl, "member")];
      const owner = await signedIn(suite.browser, viewport, stack.apiUrl, ownerEmail, "/organization");
      await roleLine(owner.page, "owner");
      await owner.page.getByLabel("Name").fill("Physics 101");
      await owner.page.getByRole("button", { name: "Create organization" }).click();
      await owner.page.locator("#organization-role", { hasText: "Physics 101: your role is owner." }).waitFor();
      await owner.page.getByLabel("Email").fill(memberEmail);
      await owner.page.getByRole("button", { name: "Invite" }).click();
      const link = owner.page.locator("input.secret");
      await link.waitFor();
      const acceptUrl = await link.inputValue();
      expect(acceptUrl).toMatch(/\/#\/invitations\/lh_inv_/);
      await owner.page.getByText("We emailed it to them; you can also send it yourself.", { exact: false }).waitFor();
      const pending = owner.page.getByRole("list", { name: "Pending invitations" });
      await pending.getByText(memberEmail).waitFor();
      expect(await seriousAccessibilityIssues(owner.page)).toEqual([]);
      await saveScreenshot(owner.page, "organization-invited", viewport);

      // A mistaken invitation is revoked from the list; its link notice goes with it.
      const mistaken = `typo-${crypto.randomUUID()}@example.com`;
      await owner.page.getByLabel("Email", { exact: true }).fill(mistaken);
      await owner.page.getByRole("button", { name: "Invite" }).click();
      await pending.getByText(mistaken).waitFor();
      await owner.page.getByRole("button", { name: `Revoke the invitation for ${mistaken}` }).click();
      await owner.page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
      await pending.getByText(mistaken).waitFor({ state: "detached" });
      expect(await owner.page.locator("input.secret").count()).toBe(0);
      expect(await pending.getByText(memberEmail).count()).toBe(1);

      const member = await signedIn(
        suite.browser,
        viewport,
        stack.apiUrl,
        memberEmail,
        new URL(acceptUrl).hash.slice(1),
      );
      await member.page.getByRole("button", { name: "Accept invitation" }).click();
      await roleLine(member.page, "viewer");
      expect(await member.page.getByRole("form", { name: "Invite a member" }).count()).toBe(0);
      expect(await member.page.getByRole("combobox", { name: "Organization" }).inputValue()).not.toBe("");
      expect(await seriousAccessibilityIssues(member.page)).toEqual([]);

      await owner.page.reload();
      const role = owner.page.getByLabel(`Role of ${memberEmail}`);
      await role.waitFor({ timeout: 15_000 });
      await pending.getByText("No pending invitations.").waitFor();
      await Promise.all([
        owner.page.waitForResponse((r) => r.request().method() === "PATCH" && r.status() === 204),
        role.selectOption("admin"),
      ]);

      await member.page.reload();
      await roleLine(member.page, "admin");
      await member.page.getByRole("form", { name: "Invite a member" }).waitFor();
      await saveScreenshot(member.page, "organization-member-admin", viewport);
      await owner.context.close();
      await member.context.close();
    },
    180_000,
  );
});
