import { env, SELF } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { apiBase } from "../../../test/support/worker/accounts.ts";
import type { AppEnv } from "../../env.ts";
import { securityHeadersMiddleware } from "./index.ts";

const directives = (response: Response) =>
  Object.fromEntries(
    (response.headers.get("content-security-policy") ?? "")
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  ) as Record<string, string[]>;

function expectSecured(response: Response, label: string) {
  expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), label).toBe("no-referrer");
  expect(response.headers.get("x-frame-options"), label).toBe("DENY");
  const csp = directives(response);
  expect(csp["frame-ancestors"], label).toEqual(["'none'"]);
  expect(csp["script-src"], label).toEqual(["'self'"]);
  expect(csp["object-src"], label).toEqual(["'none'"]);
  // Presigned URLs: uploads, the lecture, clips and thumbnails come from the storage origin.
  const storage = new URL(env.S3_ENDPOINT).origin;
  for (const directive of ["connect-src", "media-src", "img-src"]) expect(csp[directive], label).toContain(storage);
  // The local stack is plain http: no HSTS here.
  expect(response.headers.get("strict-transport-security"), label).toBeNull();
  return csp;
}

describe("security headers", () => {
  it("are on every kind of Worker response: JSON, problem+json, the OpenAPI document", async () => {
    for (const [path, status] of [
      ["/health", 200],
      ["/v1/me", 401],
      ["/v1/nothing-here", 404],
      ["/openapi.json", 200],
    ] as const) {
      const response = await SELF.fetch(`${apiBase}${path}`);
      expect(response.status, path).toBe(status);
      const csp = expectSecured(response, path);
      expect(csp["style-src"], path).toEqual(["'self'"]);
      await response.body?.cancel();
    }
  });

  it("are on the web app's static assets, which the Worker serves from the assets binding", async () => {
    for (const path of ["/", "/app.js", "/styles.css", "/vendor/scalar-api-reference.js"]) {
      const response = await SELF.fetch(`${apiBase}${path}`);
      expect(response.status, path).toBe(200);
      expectSecured(response, path);
      await response.body?.cancel();
    }
    const page = await SELF.fetch(`${apiBase}/`);
    expect(await page.text()).toContain('<script type="module" src="/app.js">');
  });

  it("let only the API reference use inline styles, which its UI injects; never inline script", async () => {
    const response = await SELF.fetch(`${apiBase}/docs`);
    const csp = expectSecured(response, "/docs");
    expect(csp["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    await response.body?.cancel();
  });

  const app = new Hono<AppEnv>().use(securityHeadersMiddleware()).get("/socket", () => {
    const [client] = Object.values(new WebSocketPair());
    return new Response(null, { status: 101, webSocket: client });
  });

  it("send HSTS where HSTS_MAX_AGE_SECONDS is set (production)", async () => {
    const response = await app.request("/anything", {}, { ...env, HSTS_MAX_AGE_SECONDS: "63072000" });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("leave a WebSocket upgrade as it is", async () => {
    const response = await app.request("/socket", {}, env);
    expect(response.status).toBe(101);
    expect(response.headers.get("content-security-policy")).toBeNull();
    response.webSocket?.accept();
    response.webSocket?.close();
  });
});
