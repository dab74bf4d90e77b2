// The few S3 XML documents the Worker and the media worker read are flat and machine-written: a
// DOM parser (which Workers lack) would buy nothing over these helpers.

const entities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Undoes XML's five predefined entities and numeric character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) =>
    name.startsWith("#")
      ? String.fromCodePoint(Number(name.startsWith("#x") ? `0${name.slice(1)}` : name.slice(1)))
      : (entities[name] ?? ""),
  );
}

/** Escapes text for an XML element's content. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${Object.keys(entities).find((name) => entities[name] === char)};`);
}

/**
 * The raw content of every `<tag>…</tag>` element, in document order.
 *
 * @example
 * xmlElements("<A><Part>1</Part><Part>2</Part></A>", "Part"); // ["1", "2"]
 */
export function xmlElements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, "g"))].map(
    (match) => match[1] ?? "",
  );
}

/**
 * The text of the first `<tag>` element, unescaped; undefined when there is none.
 *
 * @example
 * xmlText("<InitiateMultipartUploadResult><UploadId>abc</UploadId></InitiateMultipartUploadResult>", "UploadId"); // "abc"
 */
export function xmlText(xml: string, tag: string): string | undefined {
  const [content] = xmlElements(xml, tag);
  return content === undefined ? undefined : unescapeXml(content);
}
