import { JobOptionChoices } from "../../agents/contracts/job.ts";

/** The command-line flags that set job options, and the option each one sets. */
export const jobOptionFlags = {
  highlights: "highlightCount",
  "clip-min": "clipMinSeconds",
  "clip-max": "clipMaxSeconds",
  "reel-max": "reelMaxSeconds",
  chapters: "chapters",
  language: "language",
} as const;

type Flags = Partial<Record<keyof typeof jobOptionFlags, string>>;

/**
 * Job options from the CLI's flags, checked against the same strict schema as the API, so a
 * bad value fails here with the flag's name instead of after the upload. Numbers are numbers,
 * `--chapters auto` stays "auto"; flags left out are left to the account's defaults
 * (`/v1/me/preferences`, then the organization's), then the server's.
 *
 * @example
 * jobOptionsFromFlags({ highlights: "3", chapters: "auto" }) // { ok: true, options: { highlightCount: 3, chapters: "auto" } }
 * jobOptionsFromFlags({ "clip-min": "x" }) // { ok: false, error: "--clip-min: Invalid input: expected number, received NaN" }
 */
export function jobOptionsFromFlags(
  flags: Flags,
): { ok: true; options: JobOptionChoices } | { ok: false; error: string } {
  const options: Record<string, string | number> = {};
  for (const [flag, option] of Object.entries(jobOptionFlags) as [keyof Flags, string][]) {
    const value = flags[flag];
    if (value === undefined) continue;
    options[option] = option === "language" || value === "auto" ? value : Number(value);
  }
  const parsed = JobOptionChoices.safeParse(options);
  if (parsed.success) return { ok: true, options: parsed.data };
  const issue = parsed.error.issues[0];
  const option = String(issue?.path[0] ?? "");
  const flag = Object.entries(jobOptionFlags).find(([, name]) => name === option)?.[0] ?? option;
  return { ok: false, error: `--${flag}: ${issue?.message ?? "invalid"}` };
}
