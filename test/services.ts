import { join } from "node:path";
import { loadStackConfig, projectRoot, type StackConfig, workerEnv } from "../infra/local/config.ts";
import { LocalStack, type StackOptions } from "../infra/local/stack.ts";

const basePorts = {
  LH_POSTGRES_PORT: 55432,
  LH_S3_PORT: 9410,
  LH_NEON_BRIDGE_PORT: 9411,
  LH_MEDIA_WORKER_PORT: 9412,
  LH_API_PORT: 8797,
};

/**
 * `LH_TEST_PORT_OFFSET` (an integer, default 0) shifts every test port, so two test runs on one
 * machine (two engineers, or CI beside a developer) do not fight over ports or data.
 */
export function testPortOffset(value = process.env.LH_TEST_PORT_OFFSET): number {
  const offset = Number(value ?? 0);
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) {
    throw new Error("LH_TEST_PORT_OFFSET must be an integer between 0 and 10000");
  }
  return offset;
}

/**
 * Ports of the test services, apart from the development stack's so both can run at once.
 *
 * @example
 * testPorts(100).LH_POSTGRES_PORT; // "55532"
 */
export function testPorts(offset = testPortOffset()): Record<keyof typeof basePorts, string> {
  const entries = Object.entries(basePorts).map(([name, port]) => [name, String(port + offset)]);
  return Object.fromEntries(entries) as Record<keyof typeof basePorts, string>;
}

/** Each offset gets its own data folder (.data/test, or .data/test-<offset>). */
export function testStackConfig(offset = testPortOffset()): StackConfig {
  Object.assign(process.env, testPorts(offset));
  return loadStackConfig(join(projectRoot, offset === 0 ? ".data/test" : `.data/test-${offset}`));
}

/** Starts the real services a test run needs; `wrangler dev` is left out unless asked for. */
export async function startTestServices(options: StackOptions = { api: false }): Promise<LocalStack> {
  const stack = new LocalStack(testStackConfig(), options);
  await stack.start();
  return stack;
}

export { workerEnv };
