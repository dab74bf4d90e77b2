/** The launcher's own structured log: JSON lines on stderr, so stdout stays for results. */
export function log(msg: string, fields: Record<string, unknown> = {}): void {
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), component: "stack", msg, ...fields })}\n`);
}
