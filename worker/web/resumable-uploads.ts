/**
 * Uploads in flight, remembered across reloads so picking the same file again resumes it.
 * A file is recognised by name, size and last-modified time: the browser gives no path.
 */
type PendingUpload = { uploadId: string; name: string; size: number; lastModified: number };

const storageKey = "lh.pendingUploads";

function load(): PendingUpload[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? "[]") as PendingUpload[];
  } catch {
    return [];
  }
}

export function pendingUploadFor(file: File): PendingUpload | undefined {
  return load().find((u) => u.name === file.name && u.size === file.size && u.lastModified === file.lastModified);
}

export function rememberUpload(uploadId: string, file: File): void {
  const others = load().filter((u) => u.uploadId !== uploadId);
  const entry = { uploadId, name: file.name, size: file.size, lastModified: file.lastModified };
  localStorage.setItem(storageKey, JSON.stringify([...others, entry]));
}

export function forgetUpload(uploadId: string): void {
  localStorage.setItem(storageKey, JSON.stringify(load().filter((u) => u.uploadId !== uploadId)));
}
