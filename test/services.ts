import { join } from "node:path";
import { loadStackConfig, projectRoot, type StackConfig, workerEnv } from "../infra/local/config.ts";
import { LocalStack, type StackOptions } from "../infra/local/stack.ts";

/**
 * Ports and data folder of the test services, apart from the development stack's so both can
 * run at once. `LH_TEST_PORT_OFFSET` shifts every port (and the folder) for a second run.
 */
export function testStackEnv(offset = Number(process.env.LH_TEST_PORT_OFFSET ?? 0)): Record<string, string> {
  const at = (port: number) => String(port + offset);
  return {
    LH_DATA_DIR: join(projectRoot, ".data", offset ? `test-${offset}` : "test"),
    LH_POSTGRES_PORT: at(55432),
    LH_S3_PORT: at(9410),
    LH_NEON_BRIDGE_PORT: at(9411),
    LH_MEDIA_WORKER_PORT: at(9412),
    LH_API_PORT: at(8797),
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
