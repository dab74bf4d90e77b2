import { partRange } from "../../agents/contracts/upload-parts.ts";
import type { UploadState } from "./upload-api.ts";

export type UploadProgress = { uploadId: string; sentBytes: number; totalBytes: number };

/**
 * The parts the storage holds, their ETags, and the progress they make: each part counts once,
 * whether this client sent it or an earlier attempt did.
 *
 * @example
 * const ledger = new PartLedger(state, file.size, onProgress);
 * ledger.record(2, '"9b2cf…"'); // onProgress({ sentBytes: partSize, … })
 */
export class PartLedger {
  private readonly etags = new Map<number, string | null>();
  /** Bytes of parts still on their way, by part number (a single PUT is part 1). */
  private readonly inFlight = new Map<number, number>();
  private sentBytes = 0;

  constructor(
    private readonly upload: UploadState,
    private readonly totalBytes: number,
    private readonly onProgress?: (progress: UploadProgress) => void,
  ) {}

  /** A part this client just sent. */
  record(partNumber: number, etag: string | null): void {
    this.add(partNumber, etag);
    this.report();
  }

  /** How much of a part has left so far: a transport that can tell reports it as it goes. */
  sending(partNumber: number, bytes: number): void {
    this.inFlight.set(partNumber, bytes);
    this.report();
  }

  /** The parts the storage listed: reported once, as where the upload stands. */
  recordStored(parts: readonly { partNumber: number; etag: string }[]): void {
    for (const part of parts) this.add(part.partNumber, part.etag);
    this.report();
  }

  finish(): void {
    this.inFlight.clear();
    this.sentBytes = this.totalBytes;
    this.report();
  }

  /** ETags to check at completion; one the browser could not read (no CORS) is left out. */
  claims(): { partNumber: number; etag: string }[] | undefined {
    if (this.upload.kind === "single") return undefined;
    return [...this.etags].flatMap(([partNumber, etag]) => (etag ? [{ partNumber, etag }] : []));
  }

  private add(partNumber: number, etag: string | null): void {
    this.inFlight.delete(partNumber);
    if (this.etags.get(partNumber)) return;
    if (!this.etags.has(partNumber)) {
      this.sentBytes += partRange(partNumber, this.upload.partSize!, this.totalBytes).sizeBytes;
    }
    this.etags.set(partNumber, etag);
  }

  private report(): void {
    let sentBytes = this.sentBytes;
    for (const bytes of this.inFlight.values()) sentBytes += bytes;
    sentBytes = Math.min(sentBytes, this.totalBytes);
    this.onProgress?.({ uploadId: this.upload.id, sentBytes, totalBytes: this.totalBytes });
  }
}
