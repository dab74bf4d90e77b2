export type LoadResult = { requests: number; errors: number; rps: number; p50_ms: number; p99_ms: number };

/**
 * `clients` callers each sending one GET after another for `seconds`: throughput is what the
 * server sustains at that concurrency, not what a fixed arrival rate asks of it. Any answer
 * other than 200, or a failed fetch, counts as an error.
 *
 * @example
 * const { rps, p99_ms } = await closedLoopLoad({ url: "http://127.0.0.1:8787/health", clients: 32, seconds: 10 });
 */
export async function closedLoopLoad(load: {
  url: string;
  headers?: Record<string, string>;
  clients: number;
  seconds: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + load.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      try {
        const response = await fetch(load.url, { headers: load.headers });
        await response.arrayBuffer();
        if (response.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round((latencies.length / elapsed) * 10) / 10,
    p50_ms: percentile(0.5),
    p99_ms: percentile(0.99),
  };
}
