/** Longer names are truncated by most file systems anyway; the display keeps no more. */
export const MAX_FILENAME_LENGTH = 255;

// C0/C1 controls (NUL included) and the invisible bidirectional overrides that make
// "gpj.exe" display as "exe.jpg".
const forbiddenCharacters = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * The name to keep for display: the last path segment of what the client sent, NFC-normalized
 * and trimmed. Returns an error message instead when nothing usable is left. Storage keys never
 * use this name; it only labels the upload.
 *
 * @example
 * sanitizeFilename("C:\\Users\\ann\\Week 1.mp4"); // { filename: "Week 1.mp4" }
 * sanitizeFilename("../../etc/passwd");         // { filename: "passwd" } (then refused for its type)
 * sanitizeFilename("...");                       // { error: "…only dots…" }
 */
export function sanitizeFilename(raw: string): { filename: string } | { error: string } {
  if (forbiddenCharacters.test(raw)) return { error: "must not contain control or bidirectional characters" };
  const filename = (raw.normalize("NFC").split(/[/\\]/).pop() ?? "").trim();
  if (filename === "") return { error: "must name a file, not a folder" };
  if (/^[.\s]+$/.test(filename)) return { error: "must not consist only of dots" };
  if (filename.length > MAX_FILENAME_LENGTH) return { error: `must be at most ${MAX_FILENAME_LENGTH} characters` };
  return { filename };
}
