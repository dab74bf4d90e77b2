import { join } from "node:path";
import { loadStackConfig, projectRoot, type StackConfig, workerEnv } from "../infra/local/config.ts";
import { LocalStack, type StackOptions } from "../infra/local/stack.ts";

/** `LH_TEST_PORT_OFFSET`: an integer from 0 to 10000, default 0. */
export function testPortOffset(value = process.env.LH_TEST_PORT_OFFSET): number {
  const offset = Number(value ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
    throw new Error("LH_TEST_PORT_OFFSET must be an integer between 0 and 10000");
  }
  return offset;
}

/**
 * Ports and data folder of the test services, apart from the development stack's so both can
 * run at once. `LH_TEST_PORT_OFFSET` shifts every port (and the folder) for a second run.
 */
export function testStackEnv(offset = testPortOffset()): Record<string, string> {
  const at = (port: number) => String(port + offset);
  return {
    LH_DATA_DIR: join(projectRoot, ".data", offset ? `test-${offset}` : "test"),
    LH_POSTGRES_PORT: at(55432),
    LH_S3_PORT: at(9410),
    LH_NEON_BRIDGE_PORT: at(9411),
    LH_MEDIA_WORKER_PORT: at(9412),
    LH_API_PORT: at(8797),
    LH_WEBHOOK_RECEIVER_PORT: at(9413),
    LH_SMTP_PORT: at(9414),
  };
}

export function testStackConfig(offset?: number): StackConfig {
  return loadStackConfig(testStackEnv(offset));
}

/** Starts the real services a test run needs; `wrangler dev` is left out unless asked for. */
export async function startTestServices(options: StackOptions = { api: false }): Promise<LocalStack> {
  const stack = new LocalStack(testStackConfig(), options);
  await stack.start();
  return stack;
}

export { workerEnv };
