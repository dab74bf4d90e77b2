import { log } from "./log.ts";

/** The URL at which `wrangler dev` runs the Worker's every-minute scheduled handler once. */
export const scheduledUrl = (apiUrl: string) =>
  `${apiUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}`;

/**
 * `wrangler dev` never fires cron triggers by itself, so locally nothing would recover expired
 * leases, send unsent jobs, discard abandoned uploads or re-send lost webhooks. This part
 * fires the Worker's scheduled handler as the platform would: once a minute.
 */
export class CronTicker {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly apiUrl: string,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      fetch(scheduledUrl(this.apiUrl)).catch((error: Error) => log("cron tick failed", { error: error.message }));
    }, this.intervalMs);
    this.timer.unref();
  }

  get running(): boolean {
    return this.timer !== null;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
