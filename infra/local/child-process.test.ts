import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ManagedChild } from "./child-process.ts";
import { StartupFailure } from "./startup-failure.ts";

describe("ManagedChild", () => {
  const logDir = mkdtempSync(join(tmpdir(), "lh-child-"));
  afterAll(() => rmSync(logDir, { recursive: true, force: true }));

  it("fails to start a missing program with a StartupFailure naming it, and leaves no pid file", async () => {
    const child = new ManagedChild({ name: "ghost", command: "/nonexistent/ghost", args: [] }, logDir);

    const failure = await child.start().catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(StartupFailure);
    expect((failure as Error).message).toBe(
      "ghost cannot start: /nonexistent/ghost cannot be run (spawn /nonexistent/ghost ENOENT). Fix: install it",
    );
    expect(child.running).toBe(false);
    expect(existsSync(join(logDir, "ghost.pid"))).toBe(false);
  });
});
