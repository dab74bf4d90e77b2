import { formatResults, type LectureReport, processLecture } from "../cli/process-lecture.ts";
import { signIn } from "../cli/sign-in.ts";
import { generateLecture } from "../sample-lecture/lecture.ts";
import { calculusLecture } from "../sample-lecture/scripts.ts";
import { log } from "./log.ts";

/** The local stack's demo account; it exists only in the private database under .data. */
export const demoAccount = { email: "demo@lecture-highlights.local", password: "local demo only, not a secret" };

/**
 * The main job of `npm start`: generates a sample lecture (slides and synthesized narration,
 * cached after the first run), signs in as the demo account and takes the lecture through the
 * public API like any user: upload, job, live progress, results.
 */
export async function runMainJob(apiBase: string): Promise<LectureReport> {
  log("generating the sample lecture (cached after the first run)");
  const lecture = await generateLecture({ script: calculusLecture, height: 480, presenterInset: true });
  const connection = await signIn(apiBase, demoAccount, { registerIfMissing: true });
  const report = await processLecture(connection, lecture.path, {
    jobOptions: { highlightCount: 3, clipMinSeconds: 8, clipMaxSeconds: 40, reelMaxSeconds: 90 },
    log: (line) => log(line),
  });
  if (report.results) console.log(formatResults(report.results));
  console.log(
    JSON.stringify({
      status: report.outcome.type,
      jobId: report.jobId,
      results: `${apiBase}/v1/jobs/${report.jobId}/results`,
      // The same job in the web app, after signing in as the demo account.
      web: `${apiBase}/#/jobs/${report.jobId}`,
      signIn: demoAccount,
    }),
  );
  return report;
}
