import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../infra/local/config.ts";
import type { SmtpSink } from "../infra/local/smtp-sink.ts";
import { exitWithVerdict } from "../infra/local/startup-failure.ts";
import { ensureSystemPackages } from "../infra/local/system-packages.ts";
import { buildWebApp } from "../infra/web/build-web.ts";
import { startTestServices, testStackEnv, workerEnv } from "./services.ts";
import { WebhookReceiver } from "./webhook-receiver.ts";

/**
 * `npm test`: starts the real services (PostgreSQL, the S3 server, the Neon bridge, the media
 * worker, the SMTP sink, a webhook receiver), runs every vitest project against them, and stops them whatever
 * happens: a SIGINT or SIGTERM goes to vitest, and the services stop after it (they lead process
 * groups of their own, so nothing else would stop them).
 * Arguments are passed to vitest (`npm test -- --project worker`).
 */
let vitest: ChildProcess | null = null;
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    vitest?.kill(signal);
  });
}
ensureSystemPackages({ tests: true });
// The Worker tests read wrangler.toml, whose [assets] directory is the built web app.
await buildWebApp();
const stack = await startTestServices().catch(exitWithVerdict);
const receiver = new WebhookReceiver(Number(testStackEnv().LH_WEBHOOK_RECEIVER_PORT));
const smtpSink = stack.parts.smtp as SmtpSink;
let exitCode = 1;
try {
  await receiver.start();
  exitCode = await new Promise<number>((resolve) => {
    if (interrupted) return resolve(130);
    const child = spawn(
      process.execPath,
      [join(projectRoot, "node_modules/vitest/vitest.mjs"), "run", ...process.argv.slice(2)],
      {
        stdio: "inherit",
        cwd: projectRoot,
        env: {
          ...process.env,
          LH_TEST_WORKER_ENV: JSON.stringify({
            ...workerEnv(stack.config),
            WEBHOOK_TEST_RECEIVER_URL: receiver.url,
            SMTP_TEST_SINK_URL: smtpSink.controlUrl,
          }),
          LH_TEST_DATABASE_URL: stack.config.database.url,
        },
      },
    );
    vitest = child;
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await receiver.stop();
  await stack.stop();
}
process.exit(exitCode);
