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
      // TEST_R2: an R2 binding of its own for the tests of the binding path (locally the Worker
      // talks to the S3 server; `BUCKET` is bound only in staging and production).
      miniflare: { bindings: { ...serviceEnv, ...uploadLimits }, r2Buckets: ["TEST_R2"] },
    }),
  ],
  test: {
    name: "worker",
    include: ["**/*.test.ts"],
    testTimeout: 30_000,
  },
});
