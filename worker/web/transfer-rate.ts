import { formatBytes, formatTime } from "./dom.ts";

/** Samples older than this are dropped: the speed shown is the recent one, not the average since the start. */
const windowMs = 5_000;

/**
 * Turns byte counts as they arrive into "12.0 MB of 132.0 MB · 4.1 MB/s · 0:29 left". The speed
 * is measured over the last few seconds; before a second has passed it is not guessed at.
 *
 * @example
 * const rate = new TransferRate();
 * rate.describe(sentBytes, totalBytes); // "1.0 MB of 8.0 MB uploaded"
 */
export class TransferRate {
  private readonly samples: { at: number; bytes: number }[] = [];

  constructor(private readonly now: () => number = () => performance.now()) {}

  describe(sentBytes: number, totalBytes: number): string {
    const at = this.now();
    this.samples.push({ at, bytes: sentBytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (at - first.at) / 1000;
    const amounts = `${formatBytes(sentBytes)} of ${formatBytes(totalBytes)} uploaded`;
    if (seconds < 1 || sentBytes <= first.bytes) return amounts;
    const speed = (sentBytes - first.bytes) / seconds;
    return `${amounts} · ${formatBytes(speed)}/s · ${formatTime((totalBytes - sentBytes) / speed)} left`;
  }
}
