/**
 * How long to wait before restarting a program that died, as a fleet would: 1 s, doubling for
 * each death that follows quickly on the last (a crash loop), at most 30 s; a program that ran
 * for a minute since its last restart starts again from 1 s.
 *
 * @example
 * const backoff = new RestartBackoff();
 * backoff.nextDelayMs(); // 1000, then 2000, 4000 … while it keeps dying at once
 */
export class RestartBackoff {
  private delayMs = 0;
  private startedAt = Date.now();

  constructor(
    private readonly baseMs = 1_000,
    private readonly maxMs = 30_000,
    private readonly healthyAfterMs = 60_000,
  ) {}

  /** Call when the program starts. */
  started(): void {
    this.startedAt = Date.now();
  }

  /** Call when it died: the wait before the next start. */
  nextDelayMs(): number {
    const ranLong = Date.now() - this.startedAt >= this.healthyAfterMs;
    this.delayMs = ranLong || this.delayMs === 0 ? this.baseMs : Math.min(this.maxMs, this.delayMs * 2);
    return this.delayMs;
  }
}
