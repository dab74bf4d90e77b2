import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

/**
 * Worker tests run inside workerd with the bindings of wrangler.toml. The real services they
 * talk to (PostgreSQL through the Neon bridge, the S3 server, the media worker) are started by
 * `npm test` (test/run.ts), which hands their addresses over in LH_TEST_WORKER_ENV.
 */
const serviceEnv: Record<string, string> = JSON.parse(process.env.LH_TEST_WORKER_ENV ?? "{}");

/** Small enough that a multipart test moves ~11 MiB: three parts of R2's minimum 5 MiB. */
const uploadLimits = {
  UPLOAD_MULTIPART_THRESHOLD_BYTES: String(8 * 2 ** 20),
  UPLOAD_PART_SIZE_BYTES: String(5 * 2 ** 20),
};

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "../wrangler.toml" },
      miniflare: { bindings: { ...serviceEnv, ...uploadLimits } },
    }),
  ],
  test: {
    name: "worker",
    include: ["**/*.test.ts"],
    testTimeout: 30_000,
  },
});
