import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase } from "../../../test/support/worker/accounts.ts";
import { createApp } from "../../app.ts";
import { docsPath, openApiPath } from "./index.ts";
import { internalPathPrefix, operationIdFor } from "./public-document.ts";
import { apiReferenceScriptPath, apiReferenceStartPath } from "./reference-page.ts";

type Operation = { operationId?: string; security?: unknown[] };
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: object };
};

async function fetchDocument(): Promise<OpenApiDocument> {
  const response = await SELF.fetch(`${apiBase}${openApiPath}`);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApiDocument;
}

const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the bearer scheme", async () => {
    const document = await fetchDocument();
    expect(document.openapi).toBe("3.1.0");
    expect(document.components.securitySchemes).toHaveProperty("bearerAuth");
  });

  it("documents every public route of the app and no internal one", async () => {
    const document = await fetchDocument();
    const routes = createApp().routes.filter(
      (route) => route.method !== "ALL" && ![openApiPath, docsPath, apiReferenceStartPath].includes(route.path),
    );
    const undocumented = routes
      .filter((route) => !route.path.startsWith(internalPathPrefix))
      .map((route) => ({ method: route.method.toLowerCase(), path: route.path.replace(/:(\w+)/g, "{$1}") }))
      .filter(({ method, path }) => !document.paths[path]?.[method])
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undocumented).toEqual([]);
    expect(routes.some((route) => route.path.startsWith(internalPathPrefix))).toBe(true);
    expect(Object.keys(document.paths).filter((path) => path.startsWith(internalPathPrefix))).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/v1/auth/login", "/v1/api-keys/{id}"]));
  });

  it("declares security and a unique operationId on every operation", async () => {
    const operations = operationsOf(await fetchDocument());
    expect(operations.filter(({ operation }) => !Array.isArray(operation.security)).map(({ name }) => name)).toEqual(
      [],
    );
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("serves the interactive reference at /docs from our own origin, without inline script", async () => {
    const response = await SELF.fetch(`${apiBase}${docsPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain(`src="${apiReferenceScriptPath}"`);
    expect(html).toContain(`src="${apiReferenceStartPath}"`);
    expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /\ssrc="\//.test(tag))).toBe(true);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain('<html lang="en">');
    const start = await SELF.fetch(`${apiBase}${apiReferenceStartPath}`);
    expect(start.headers.get("content-type")).toContain("text/javascript");
    expect(await start.text()).toContain(`"url":"${openApiPath}"`);
  });
});

describe("operationIdFor", () => {
  it("names an operation after its method and path", () => {
    expect(operationIdFor("get", "/v1/jobs/{id}/results")).toBe("getJobsByIdResults");
    expect(operationIdFor("post", "/v1/api-keys")).toBe("postApiKeys");
    expect(operationIdFor("get", "/health")).toBe("getHealth");
  });
});
