import { join } from "node:path";
import { loadStackConfig } from "./config.ts";
import { log } from "./log.ts";
import { runMainJob } from "./main-job.ts";
import { LocalStack } from "./stack.ts";
import { exitWithVerdict, StartupFailure } from "./startup-failure.ts";
import { ensureSystemPackages } from "./system-packages.ts";

/**
 * `npm run stack`: start every part and stay up. `npm start`: the same, then run the main job.
 * Prints one JSON line containing "ready" on stdout once every part answers.
 */
const stackOnly = process.argv.includes("--stack-only");

async function main(): Promise<void> {
  ensureSystemPackages();
  const stack = new LocalStack(loadStackConfig());
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log("stopping", { signal });
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await stack.start();
  try {
    const readiness = await fetch(`${stack.apiUrl}/health/ready`, {
      headers: { authorization: `Bearer ${stack.config.secrets.operator}` },
    });
    const body = (await readiness.json()) as { down: string[]; parts: Record<string, { status: string }> };
    if (!readiness.ok) {
      const logs = join(stack.config.dataDir, "logs");
      throw new StartupFailure("stack", `it started but ${body.down.join(", ")} is not ready`, `read ${logs}`);
    }
    console.log(JSON.stringify({ status: "ready", api: stack.apiUrl, web: `${stack.apiUrl}/`, parts: body.parts }));
    if (!stackOnly) {
      const report = await runMainJob(stack.apiUrl);
      if (report.outcome.type !== "completed") log("the main job did not complete", { outcome: report.outcome });
      log("the stack stays up until interrupted (Ctrl-C)", { api: stack.apiUrl });
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

main().catch(exitWithVerdict);
