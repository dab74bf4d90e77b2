import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase } from "../../../test/support/worker/accounts.ts";
import { createApp } from "../../app.ts";
import { docsPath, openApiPath } from "./index.ts";

type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  components: { securitySchemes: object };
};

async function fetchDocument(): Promise<OpenApiDocument> {
  const response = await SELF.fetch(`${apiBase}${openApiPath}`);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the bearer scheme", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes).toHaveProperty("bearerAuth");
  });

  it("documents every route of the app", async () => {
    const document = await fetchDocument();
    const undocumented = createApp()
      .routes.filter((route) => route.method !== "ALL" && ![openApiPath, docsPath].includes(route.path))
      .map((route) => ({ method: route.method.toLowerCase(), path: route.path.replace(/:(\w+)/g, "{$1}") }))
      .filter(({ method, path }) => !document.paths[path]?.[method])
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undocumented).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/v1/auth/login", "/v1/api-keys/{id}"]));
  });

  it("serves the interactive reference at /docs", async () => {
    const response = await SELF.fetch(`${apiBase}${docsPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain(openApiPath);
  });
});
