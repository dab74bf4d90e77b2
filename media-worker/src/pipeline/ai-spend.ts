/**
 * What the AI calls behind an attempt's finished stages cost, in USD, as their artifacts report
 * it: the transcript's `costUsd` and the analysis's `usage.costUsd`, the same parts a manifest's
 * `stats.costUsd` adds up. A failed attempt reports it, so a month's usage counts what was spent
 * on jobs that never completed. A part is recorded once however often it is set (a stage read
 * back from its checkpoint is the same spending, not a second one).
 *
 * @example
 * const spend = new AiSpend();
 * spend.record("transcription", transcript.costUsd);
 * spend.totalUsd; // 0.006
 */
export class AiSpend {
  readonly #byPart = new Map<"transcription" | "analysis", number>();

  record(part: "transcription" | "analysis", costUsd: number): void {
    this.#byPart.set(part, Number.isFinite(costUsd) && costUsd > 0 ? costUsd : 0);
  }

  get totalUsd(): number {
    let total = 0;
    for (const cost of this.#byPart.values()) total += cost;
    return total;
  }
}
