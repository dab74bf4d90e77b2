import { join } from "node:path";
import { loadStackConfig, projectRoot, type StackConfig, workerEnv } from "../infra/local/config.ts";
import { LocalStack, type StackOptions } from "../infra/local/stack.ts";

/**
 * Ports of the test services, apart from the development stack's so both can run at once.
 * Each suite run gets its own data folder under .data/test.
 */
export const testPorts = {
  LH_POSTGRES_PORT: "55432",
  LH_S3_PORT: "9410",
  LH_NEON_BRIDGE_PORT: "9411",
  LH_MEDIA_WORKER_PORT: "9412",
  LH_API_PORT: "8797",
};

export function testStackConfig(dataDir = join(projectRoot, ".data/test")): StackConfig {
  Object.assign(process.env, testPorts);
  return loadStackConfig(dataDir);
}

/** Starts the real services a test run needs; `wrangler dev` is left out unless asked for. */
export async function startTestServices(options: StackOptions = { api: false }): Promise<LocalStack> {
  const stack = new LocalStack(testStackConfig(), options);
  await stack.start();
  return stack;
}

export { workerEnv };
