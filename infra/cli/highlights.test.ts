import { execFile } from "node:child_process";
import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../local/config.ts";

type Run = { code: number; stdout: string; stderr: string };

/** The CLI as a user starts it, with no credentials in the environment but those in `extraEnv`. */
async function highlights(...args: string[]): Promise<Run> {
  return highlightsWith({}, ...args);
}

async function highlightsWith(extraEnv: Record<string, string>, ...args: string[]): Promise<Run> {
  const { LH_API_KEY: _key, LH_EMAIL: _email, LH_PASSWORD: _password, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  return promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(projectRoot, "infra/cli/highlights.ts"), ...args],
    {
      cwd: projectRoot,
      env,
    },
  ).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => failure,
  );
}

/** A port nothing listens on: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the highlights CLI", () => {
  it("explains itself on --help", async () => {
    const run = await highlights("--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("usage: npm run highlights");
    expect(run.stdout).toContain("LH_API_KEY");
  });

  it("says a file is missing in one line and the usage, without a stack trace", async () => {
    const run = await highlights("/no/such/lecture.mp4");
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe("No such file: /no/such/lecture.mp4");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an unknown option and offers no flag for a secret", async () => {
    const run = await highlights("package.json", "--api-key", "lh_live_secret");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--api-key'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("asks for credentials it cannot find instead of guessing", async () => {
    const run = await highlights("package.json");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Set LH_API_KEY");
  });

  it("says in one line that the API cannot be reached, and never prints the key", async () => {
    const key = "lh_live_do_not_print_me";
    const run = await highlightsWith(
      { LH_API_KEY: key },
      "package.json",
      "--api",
      `http://127.0.0.1:${await closedPort()}`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^Cannot reach the API \(.*ECONNREFUSED.*\): is it running/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(`${run.stdout}${run.stderr}`).not.toContain(key);
  });
});
