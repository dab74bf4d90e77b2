import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCommand } from "./subprocess.ts";

/** Running, not just present: a killed orphan stays a zombie until whatever adopted it reaps it. */
const isAlive = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== undefined && state !== "Z" && state !== "X";
  } catch {
    return false;
  }
};

describe("runCommand", () => {
  it("collects stdout and fails with stderr's tail on a non-zero exit", async () => {
    await expect(runCommand("sh", ["-c", "echo hello"], { timeoutMs: 5_000 })).resolves.toMatchObject({
      stdout: "hello\n",
    });
    await expect(runCommand("sh", ["-c", "echo broken >&2; exit 3"], { timeoutMs: 5_000 })).rejects.toThrow(
      /exited with 3: broken/,
    );
  });

  it("kills the whole process group on abort and rejects with the signal's reason", async () => {
    const controller = new AbortController();
    let grandchild = 0;
    const run = runCommand("sh", ["-c", "sleep 30 & echo $!; wait"], {
      timeoutMs: 60_000,
      signal: controller.signal,
      onStdout: (text) => {
        grandchild = Number(text.trim());
        controller.abort(new Error("cancelled by the user"));
      },
    });
    await expect(run).rejects.toThrow("cancelled by the user");
    expect(grandchild).toBeGreaterThan(0);
    // The kill is delivered synchronously to the group; give the kernel a moment to reap.
    for (let i = 0; i < 50 && isAlive(grandchild); i++) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(grandchild)).toBe(false);
  });

  it("does not start at all when the signal is already aborted", async () => {
    await expect(
      runCommand("sh", ["-c", "echo never"], { timeoutMs: 5_000, signal: AbortSignal.abort(new Error("too late")) }),
    ).rejects.toThrow("too late");
  });

  it("kills a command that outlives its timeout and says which limit it broke", async () => {
    await expect(runCommand("sleep", ["30"], { timeoutMs: 100 })).rejects.toThrow(/sleep ran longer than 0.1 s/);
  });

  it("kills a command that spins past its CPU budget", async () => {
    await expect(
      runCommand("sh", ["-c", "while :; do :; done"], { timeoutMs: 120_000, cpuTimeoutMs: 500 }),
    ).rejects.toThrow(/sh used more than 0.5 s of CPU/);
  });

  it("lets a command that waits use more wall time than its CPU budget", async () => {
    // sleep uses no CPU: a command slowed by a busy machine is not stopped by the CPU budget.
    await expect(runCommand("sleep", ["2.5"], { timeoutMs: 60_000, cpuTimeoutMs: 100 })).resolves.toBeDefined();
  });
});
