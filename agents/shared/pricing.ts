/**
 * List prices in USD, used to report what a job cost. Unknown models cost the price of the
 * nearest known family so that the stats never claim a paid call was free.
 */
const transcriptionPerMinute: Record<string, number> = {
  "whisper-1": 0.006,
  "gpt-4o-transcribe": 0.006,
  "gpt-4o-mini-transcribe": 0.003,
};

const chatPerMillionTokens: Record<string, { input: number; output: number }> = {
  "gpt-4.1": { input: 2.0, output: 8.0 },
  "gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "gpt-4o": { input: 2.5, output: 10.0 },
  "gpt-4o-mini": { input: 0.15, output: 0.6 },
};

function lookup<T>(table: Record<string, T>, model: string, fallback: string): T {
  const family = Object.keys(table)
    .filter((name) => model.startsWith(name))
    .sort((a, b) => b.length - a.length)[0];
  return table[family ?? fallback] as T;
}

/** @example transcriptionCostUsd("whisper-1", 600) // 0.06 */
export function transcriptionCostUsd(model: string, audioSeconds: number): number {
  return (lookup(transcriptionPerMinute, model, "whisper-1") * audioSeconds) / 60;
}

/** @example chatCostUsd("gpt-4.1-mini", 1_000_000, 0) // 0.4 */
export function chatCostUsd(model: string, inputTokens: number, outputTokens: number): number {
  const price = lookup(chatPerMillionTokens, model, "gpt-4.1");
  return (price.input * inputTokens + price.output * outputTokens) / 1_000_000;
}
