import { loadStackConfig } from "./config.ts";
import { log } from "./log.ts";
import { runMainJob } from "./main-job.ts";
import { LocalStack } from "./stack.ts";
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
  const readiness = await fetch(`${stack.apiUrl}/health/ready`);
  const parts = (await readiness.json()) as { status: string; parts: Record<string, { status: string }> };
  if (!readiness.ok) throw new Error(`the stack started but is not ready: ${JSON.stringify(parts)}`);
  console.log(JSON.stringify({ status: "ready", api: stack.apiUrl, web: `${stack.apiUrl}/`, parts: parts.parts }));
  if (!stackOnly) {
    const report = await runMainJob(stack.apiUrl);
    if (report.outcome.type !== "completed") log("the main job did not complete", { outcome: report.outcome });
    log("the stack stays up until interrupted (Ctrl-C)", { api: stack.apiUrl });
  }
}

main().catch((error: Error) => {
  log("failed", { error: error.message });
  process.exit(1);
});
