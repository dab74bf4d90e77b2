import {
  contentTypeMatches,
  mediaTypeEssence,
  type UploadExtension,
  uploadExtension,
  uploadExtensions,
} from "../../agents/contracts/upload-formats.ts";
import { type FieldError, ValidationError } from "../errors/problem.ts";
import { sanitizeFilename } from "./filename.ts";

/** A create request that passed every check: the display name, the key's extension, the type. */
export type NewUpload = { filename: string; extension: UploadExtension; contentType: string; sizeBytes: number };

/**
 * Checks what the schema cannot: the file name, its type against the allow-list, the size
 * against the configured maximum. Throws `validation_failed` naming every bad field.
 *
 * @example
 * checkNewUpload({ filename: "Week 1.mp4", contentType: "video/mp4", size: 1234 }, 2 ** 30);
 * // { filename: "Week 1.mp4", extension: "mp4", contentType: "video/mp4", sizeBytes: 1234 }
 */
export function checkNewUpload(
  request: { filename: string; contentType: string; size: number },
  maxBytes: number,
): NewUpload {
  const errors: FieldError[] = [];
  const sanitized = sanitizeFilename(request.filename);
  if ("error" in sanitized) errors.push({ path: "filename", message: sanitized.error });
  const filename = "filename" in sanitized ? sanitized.filename : "";
  const extension = uploadExtension(filename);
  const contentType = mediaTypeEssence(request.contentType);
  if (filename && !extension) {
    errors.push({ path: "filename", message: `must end in one of .${uploadExtensions.join(", .")}` });
  }
  if (extension && !contentTypeMatches(extension, contentType)) {
    errors.push({ path: "contentType", message: `${contentType || "(empty)"} does not match a .${extension} file` });
  }
  if (request.size > maxBytes) errors.push({ path: "size", message: `must be at most ${maxBytes} bytes` });
  if (errors.length > 0 || !extension) throw new ValidationError(errors);
  return { filename, extension, contentType, sizeBytes: request.size };
}
