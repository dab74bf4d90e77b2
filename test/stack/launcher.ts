import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { createInterface } from "node:readline";

export type Ready = { status: string; api: string };

/** A launcher process as `npm run stack` starts it, with its "ready" line and its exit. */
export type Launch = {
  launcher: ChildProcess;
  /** Resolves with the "ready" JSON line; rejects with the launcher's stderr if it exits first. */
  ready: Promise<Ready>;
  /** Resolves once the launcher has exited, with its exit code and everything it wrote on stderr. */
  exited: Promise<{ code: number | null; stderr: string }>;
};

/**
 * Starts `infra/local/main.ts --stack-only` of the checkout at `root` with the environment
 * `env` (which replaces the test process's own `LH_*` variables).
 *
 * @example
 * const { ready, launcher } = launchStack(projectRoot, testStackEnv(400));
 * (await ready).api; // "http://127.0.0.1:9197"
 * launcher.kill("SIGINT");
 */
export function launchStack(root: string, env: Record<string, string | undefined>): Launch {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LH_")));
  const launcher = spawn(process.execPath, ["--import", "tsx", join(root, "infra/local/main.ts"), "--stack-only"], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  launcher.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    launcher.on("exit", (code) => resolve({ code, stderr })),
  );
  const ready = new Promise<Ready>((resolve, reject) => {
    createInterface({ input: launcher.stdout! }).on("line", (line) => {
      if (line.includes('"ready"')) resolve(JSON.parse(line));
    });
    void exited.then(({ code }) => reject(new Error(`launcher exited with ${code}:\n${stderr}`)));
  });
  // A test that only awaits `exited` must not see an unhandled rejection from `ready`.
  ready.catch(() => {});
  return { launcher, ready, exited };
}

/** Resolves true when nothing accepts connections on the port any more. */
export function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}
