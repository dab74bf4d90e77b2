/** The storage refused or failed an S3 call; `status` is 200 for an error document in a 200. */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** S3's error code (`NoSuchUpload`, `InvalidPart`, …) when the storage sent one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}
