import { organizationParameter } from "./security-schemes.ts";

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, unknown>>;
  parameters?: unknown[];
};
type PathItems = Record<string, Record<string, Operation>>;

/** Paths only our own services call; they stay out of the document users read. */
export const internalPathPrefix = "/internal/";

const httpMethods = new Set(["get", "put", "post", "delete", "patch", "head", "options", "trace"]);

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const camel = (segment: string) => segment.split(/[-_]/).map(capitalize).join("");

/**
 * A stable operationId from the method and path, so every route has one without each route
 * file spelling it (and without two routes ever sharing one: method + path is unique).
 *
 * @example
 * operationIdFor("get", "/v1/jobs/{id}/results"); // "getJobsByIdResults"
 * operationIdFor("post", "/v1/api-keys"); // "postApiKeys"
 */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .split("/")
    .filter((segment) => segment && segment !== "v1")
    .map((segment) => (segment.startsWith("{") ? `By${camel(segment.slice(1, -1))}` : camel(segment)));
  return method + (words.join("") || "Root");
}

function withOrganizationHeader(operation: Operation): Operation {
  if (!operation.security?.some((credential) => "bearerAuth" in credential)) return operation;
  const header = { $ref: `#/components/parameters/${organizationParameter}` };
  return { ...operation, parameters: [...(operation.parameters ?? []), header] };
}

/**
 * The generated document as published: internal endpoints removed, every operation named, and
 * every operation with a bearer credential taking the organization header.
 *
 * @example
 * const published = publicDocument(app.getOpenAPI31Document(config));
 */
export function publicDocument<T extends { paths?: object }>(document: T): T {
  const paths = Object.entries((document.paths ?? {}) as PathItems)
    .filter(([path]) => !path.startsWith(internalPathPrefix))
    .map(([path, item]) => {
      const named = Object.entries(item).map(([method, operation]) =>
        httpMethods.has(method)
          ? [method, { operationId: operationIdFor(method, path), ...withOrganizationHeader(operation) }]
          : [method, operation],
      );
      return [path, Object.fromEntries(named)];
    });
  return { ...document, paths: Object.fromEntries(paths) };
}
