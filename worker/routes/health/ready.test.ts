import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { receivedOn, receiverPath } from "../../../test/support/worker/webhooks.ts";
import { createApp } from "../../app.ts";

type Readiness = { status: string; down: string[]; parts: Record<string, { status: string; error?: string }> };

const operator = { authorization: `Bearer ${env.OPERATOR_TOKEN}` };

async function readinessWith(
  overrides: Partial<typeof env>,
  headers: Record<string, string> = operator,
): Promise<{ status: number; body: Readiness }> {
  const ctx = createExecutionContext();
  const response = await createApp().request("/health/ready", { headers }, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return { status: response.status, body: (await response.json()) as Readiness };
}

describe("GET /health/ready", () => {
  it("reports every part ok when PostgreSQL, the S3 server and the media worker answer", async () => {
    const response = await SELF.fetch("http://api.test/health/ready", { headers: operator });
    const body = (await response.json()) as Readiness;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      status: "ok",
      down: [],
      parts: { database: { status: "ok" }, storage: { status: "ok" }, mediaWorker: { status: "ok" } },
    });
  });

  it("answers 503 naming storage when the S3 server is unreachable", async () => {
    const { status, body } = await readinessWith({ S3_ENDPOINT: "http://127.0.0.1:9" });
    expect(status).toBe(503);
    expect(body.down).toEqual(["storage"]);
  });

  it("counts storage as down when the server rejects our signature", async () => {
    const { status, body } = await readinessWith({ S3_SECRET_ACCESS_KEY: "not-the-secret" });
    expect(status).toBe(503);
    expect(body.down).toEqual(["storage"]);
    expect(body.parts.storage?.error).toContain("403");
  });

  it("names the database and the media worker when they are down", async () => {
    const { status, body } = await readinessWith({
      DATABASE_URL: env.DATABASE_URL.replace(/:\d+\//, ":9/"),
      MEDIA_WORKER_URL: "http://127.0.0.1:9",
    });
    expect(status).toBe(503);
    expect(body.down).toEqual(["database", "mediaWorker"]);
  });
});

describe("GET /health/ready for the public", () => {
  it("tells a caller without the operator token the status only, not which part failed or why", async () => {
    const overrides = { S3_SECRET_ACCESS_KEY: "not-the-secret-either" };
    for (const headers of [{}, { authorization: "Bearer not-the-operator-token" }] as Record<string, string>[]) {
      const { status, body } = await readinessWith(overrides, headers);
      expect(status).toBe(503);
      expect(body).toEqual({ status: "down" });
    }
    expect((await readinessWith(overrides)).body.down).toEqual(["storage"]);
  });
});

describe("GET /health/ready under a flood", () => {
  it("costs one round of checks for any number of requests within the cache window", async () => {
    // The test receiver stands in for the media worker: it records every probe of `…/health`,
    // one per round of checks. The clock is held still so the window is not a matter of speed.
    const { name, url } = receiverPath();
    const start = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(start);
    try {
      const flood = await Promise.all(Array.from({ length: 20 }, () => readinessWith({ MEDIA_WORKER_URL: url }, {})));
      for (let i = 0; i < 5; i++) flood.push(await readinessWith({ MEDIA_WORKER_URL: url }, {}));
      expect(flood.map((answer) => answer.status)).toEqual(new Array(25).fill(200));
      expect(await receivedOn(name)).toHaveLength(1);
      clock.mockReturnValue(start + 60_000); // well past the window: the next request checks again
      expect((await readinessWith({ MEDIA_WORKER_URL: url }, {})).status).toBe(200);
      expect((await receivedOn(name)).map((probe) => probe.path)).toEqual([
        `/hooks/${name}/health`,
        `/hooks/${name}/health`,
      ]);
    } finally {
      clock.mockRestore();
    }
  });
});

describe("GET /health", () => {
  it("is alive without touching any dependency", async () => {
    const response = await createApp().request(
      "/health",
      {},
      { ...env, DATABASE_URL: "postgres://nowhere:1/x" },
      createExecutionContext(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });
});
