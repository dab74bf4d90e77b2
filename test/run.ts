import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../infra/local/config.ts";
import { ensureSystemPackages } from "../infra/local/system-packages.ts";
import { startTestServices, workerEnv } from "./services.ts";

/**
 * `npm test`: starts the real services (PostgreSQL, the S3 server, the Neon bridge, the media
 * worker), runs every vitest project against them, and stops them whatever happens.
 * Arguments are passed to vitest (`npm test -- --project worker`).
 */
ensureSystemPackages();
const stack = await startTestServices();
let exitCode = 1;
try {
  exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      process.execPath,
      [join(projectRoot, "node_modules/vitest/vitest.mjs"), "run", ...process.argv.slice(2)],
      {
        stdio: "inherit",
        cwd: projectRoot,
        env: {
          ...process.env,
          LH_TEST_WORKER_ENV: JSON.stringify(workerEnv(stack.config)),
          LH_TEST_DATABASE_URL: stack.config.database.url,
        },
      },
    );
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} finally {
  await stack.stop();
}
process.exit(exitCode);
