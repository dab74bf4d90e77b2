import type { FieldError } from "../errors/problem.ts";

// PostgreSQL refuses NUL in text and jsonb, and a lone UTF-16 surrogate cannot be encoded as
// UTF-8 at all: either would fail deep in a query as a 500, so both are refused at the door.
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isStorable(text: string): boolean {
  return !text.includes("\0") && !loneSurrogate.test(text);
}

/**
 * The strings (values and object keys, at any depth) of validated input that the database
 * could not store: a NUL character or a lone surrogate. Paths are named as in `validation_failed`.
 *
 * @example
 * unsafeTextFields({ name: "a\u0000b", metadata: { "\ud800": 1 } });
 * // [{ path: "name", message: "contains a NUL character or a lone surrogate" },
 * //  { path: "metadata", message: "a key contains a NUL character or a lone surrogate" }]
 */
export function unsafeTextFields(value: unknown, path: string[] = []): FieldError[] {
  if (typeof value === "string") {
    return !isStorable(value) ? [{ path: path.join("."), message: unsafeTextMessage }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeTextFields(item, [...path, String(index)]));
  if (value === null || typeof value !== "object" || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const keyProblem = !isStorable(key) ? [{ path: path.join("."), message: `a key ${unsafeTextMessage}` }] : [];
    return [...keyProblem, ...unsafeTextFields(item, [...path, safeKeyName(key)])];
  });
}

const unsafeTextMessage = "contains a NUL character or a lone surrogate";

/** A key named in a path must itself be printable in the JSON answer. */
function safeKeyName(key: string): string {
  return key.replaceAll("\0", "\ufffd").replace(new RegExp(loneSurrogate, "g"), "\ufffd");
}
