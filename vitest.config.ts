import { defineConfig } from "vitest/config";

/**
 * Two projects: `worker` runs inside workerd through the Cloudflare plugin; `node` runs the
 * media worker, the agents, the database code, the local stack and the integration suites.
 * Evaluations (`npm run eval`) and benchmarks (`npm run bench:*`) are separate scripts.
 */
export default defineConfig({
  test: {
    projects: [
      "worker/vitest.config.ts",
      {
        test: {
          name: "node",
          environment: "node",
          include: ["{agents,media-worker,db,infra,test}/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
