import { parseArgs } from "node:util";
import { jobOptionFlags, jobOptionsFromFlags } from "./job-options.ts";
import { formatResults, processLecture } from "./process-lecture.ts";
import { signIn } from "./sign-in.ts";

/**
 * `npm run highlights -- <file>`: uploads a lecture, follows the job and prints the highlights.
 * Credentials: `--api-key` (or LH_API_KEY), or `--email`/`--password` (or LH_EMAIL/LH_PASSWORD).
 * The API defaults to the local stack (LH_API_URL overrides). Job options (`--highlights`,
 * `--clip-min`, `--clip-max`, `--reel-max`, `--chapters`, `--language`) are checked before the
 * upload; an unknown flag is an error, never ignored.
 */
const usage =
  "usage: npm run highlights -- <lecture file> [--api URL] [--api-key KEY | --email E --password P] " +
  "[--highlights N] [--clip-min S] [--clip-max S] [--reel-max S] [--chapters auto|N] [--language en] [--json]";
const optionFlags = Object.fromEntries(Object.keys(jobOptionFlags).map((flag) => [flag, { type: "string" }])) as Record<
  keyof typeof jobOptionFlags,
  { type: "string" }
>;
const parsedArgs = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        api: { type: "string", default: process.env.LH_API_URL ?? "http://127.0.0.1:8787" },
        "api-key": { type: "string", default: process.env.LH_API_KEY },
        email: { type: "string", default: process.env.LH_EMAIL },
        password: { type: "string", default: process.env.LH_PASSWORD },
        json: { type: "boolean", default: false },
        ...optionFlags,
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
})();
const { values, positionals } = parsedArgs;

const file = positionals[0];
if (!file) {
  console.error(usage);
  process.exit(2);
}
const jobOptions = jobOptionsFromFlags(values);
if (!jobOptions.ok) {
  console.error(jobOptions.error);
  process.exit(2);
}
const apiBase = values.api!;
const token =
  values["api-key"] ??
  (values.email && values.password ? await signIn(apiBase, { email: values.email, password: values.password }) : null);
if (!token) {
  console.error("Give --api-key, or --email and --password (or LH_API_KEY, LH_EMAIL and LH_PASSWORD).");
  process.exit(2);
}
const report = await processLecture({ apiBase, token }, file, {
  jobOptions: jobOptions.options,
  log: (line) => console.error(line),
});
if (!report.results) {
  console.error(`job ${report.jobId} ended: ${JSON.stringify(report.outcome)}`);
  process.exit(1);
}
console.log(values.json ? JSON.stringify(report.results) : formatResults(report.results));
