import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { ApiError } from "../../worker/client/api-request.ts";
import { hiddenPrompt } from "./hidden-prompt.ts";
import { jobOptionFlags, jobOptionsFromFlags } from "./job-options.ts";
import { formatResults, processLecture } from "./process-lecture.ts";
import { progressLine } from "./progress-line.ts";
import { signIn } from "./sign-in.ts";

const usage = `usage: npm run highlights -- <lecture file> [options]

Uploads a lecture, follows the job and prints its highlights.

options:
  --api URL          the API (default: LH_API_URL or http://127.0.0.1:8787)
  --email EMAIL      sign in as this user (or LH_EMAIL); the password comes from
                     LH_PASSWORD or is asked for without echo
  --organization ID  act in this organization (or LH_ORGANIZATION; default: your
                     personal one; an API key acts in its own)
  --highlights N     how many highlights to pick (default: scaled to the lecture)
  --clip-min S       shortest clip, in seconds
  --clip-max S       longest clip, in seconds
  --reel-max S       longest highlight reel, in seconds
  --chapters auto|N  how many chapters ("auto" lets the content decide)
  --language CODE    the lecture's language (default: en)
  --json             print the results document as JSON
  -h, --help         show this help

A job option left out comes from your defaults (the web app's Settings), then
your organization's, then the built-in ones above.

An API key is read from LH_API_KEY only, so it never lands in the shell's history.`;

/** A problem the user can fix: printed as one line, without a stack trace. */
class UsageError extends Error {}

const optionFlags = Object.fromEntries(Object.keys(jobOptionFlags).map((flag) => [flag, { type: "string" }])) as Record<
  keyof typeof jobOptionFlags,
  { type: "string" }
>;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      api: { type: "string", default: process.env.LH_API_URL ?? "http://127.0.0.1:8787" },
      email: { type: "string", default: process.env.LH_EMAIL },
      organization: { type: "string", default: process.env.LH_ORGANIZATION },
      ...optionFlags,
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new UsageError("Name the lecture file to upload.");
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`No such file: ${file}`);
  const jobOptions = jobOptionsFromFlags(values);
  if (!jobOptions.ok) throw new UsageError(jobOptions.error);
  const apiBase = values.api!;
  const password = values.email ? (process.env.LH_PASSWORD ?? (await hiddenPrompt("Password: "))) : null;
  const apiKey = process.env.LH_API_KEY;
  const credential = apiKey
    ? { apiBase, token: apiKey }
    : values.email && password
      ? await signIn(apiBase, { email: values.email, password })
      : null;
  if (!credential) throw new UsageError("Set LH_API_KEY, or give --email (and LH_PASSWORD or type the password).");
  const connection = { ...credential, organization: values.organization };

  const progress = progressLine(process.stderr);
  const report = await processLecture(connection, file, {
    jobOptions: jobOptions.options,
    log: progress.update,
  });
  progress.done();
  if (!report.results) {
    const outcome = report.outcome;
    const reason = outcome.type === "failed" ? `${outcome.message} (${outcome.code})` : outcome.type;
    console.error(`The job ${report.jobId} did not finish: ${reason}`);
    return 1;
  }
  console.log(values.json ? JSON.stringify(report.results) : formatResults(report.results));
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exitCode = 2;
  } else if (error instanceof ApiError) {
    console.error(`The API refused: ${error.message} (${error.code}, HTTP ${error.status})`);
    process.exitCode = 1;
  } else if (error instanceof TypeError && error.message === "fetch failed") {
    const cause = error.cause as Error | undefined;
    console.error(
      `Cannot reach the API${cause?.message ? ` (${cause.message})` : ""}: is it running, and is --api right?`,
    );
    process.exitCode = 1;
  } else {
    const cause = (error as Error).cause as Error | undefined;
    console.error(`Failed: ${(error as Error).message}${cause?.message ? ` (${cause.message})` : ""}`);
    process.exitCode = 1;
  }
}
