/**
 * What may be uploaded: the video containers a lecture arrives in, and audio-only recordings
 * (the media worker processes those too). Keyed by the extension the storage key gets; each
 * lists the content types browsers and tools report for it, the first being the canonical one.
 */
export const uploadFormats = {
  mp4: ["video/mp4"],
  mov: ["video/quicktime"],
  mkv: ["video/x-matroska", "video/matroska"],
  webm: ["video/webm", "audio/webm"],
  mp3: ["audio/mpeg", "audio/mp3"],
  m4a: ["audio/mp4", "audio/x-m4a", "audio/m4a"],
  wav: ["audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"],
  ogg: ["audio/ogg", "application/ogg"],
  opus: ["audio/opus", "audio/ogg"],
  flac: ["audio/flac", "audio/x-flac"],
} as const satisfies Record<string, readonly string[]>;

export type UploadExtension = keyof typeof uploadFormats;

export const uploadExtensions = Object.keys(uploadFormats) as UploadExtension[];

/**
 * The allowed extension of a file name, lower-cased; undefined for any other.
 *
 * @example
 * uploadExtension("Week 3.MP4"); // "mp4"
 */
export function uploadExtension(filename: string): UploadExtension | undefined {
  const dot = filename.lastIndexOf(".");
  const extension = dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(uploadFormats, extension) ? (extension as UploadExtension) : undefined;
}

/**
 * A content type without parameters, lower-cased: `Video/MP4; codecs="avc1"` → `video/mp4`.
 *
 * @example
 * mediaTypeEssence("audio/ogg; codecs=opus"); // "audio/ogg"
 */
export function mediaTypeEssence(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether `contentType` is one the extension's format is reported as. */
export function contentTypeMatches(extension: UploadExtension, contentType: string): boolean {
  return (uploadFormats[extension] as readonly string[]).includes(mediaTypeEssence(contentType));
}

/**
 * The canonical content type for a file name, for clients whose platform reports none (an
 * empty `File.type` is common for .mkv and .flac).
 *
 * @example
 * contentTypeFor("lecture.mkv"); // "video/x-matroska"
 */
export function contentTypeFor(filename: string): string | undefined {
  const extension = uploadExtension(filename);
  return extension ? uploadFormats[extension][0] : undefined;
}
