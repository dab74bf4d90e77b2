import { mkdirSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { loadStackConfig } from "../../infra/local/config.ts";
import { LocalStack } from "../../infra/local/stack.ts";
import { testPortOffset, testStackEnv } from "../services.ts";
import { launchChromium } from "./chromium.ts";
import { screenshotFolder } from "./viewports.ts";

/**
 * A local stack of the suite's own (ports shifted by `portShift` past the test ports) and a
 * Chromium, started before the suite's tests and stopped after them.
 *
 * @example
 * const suite = browserStack(900);
 * it("…", async () => { const page = await suite.browser.newPage(); await page.goto(suite.stack.apiUrl); });
 */
export function browserStack(portShift: number): { stack: LocalStack; browser: Browser } {
  const stack = new LocalStack(loadStackConfig({ ...testStackEnv(testPortOffset() + portShift) }));
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(screenshotFolder, { recursive: true });
    await stack.start();
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await stack.stop();
  });
  return {
    stack,
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
  };
}
