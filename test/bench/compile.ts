import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateLecture } from "../../infra/sample-lecture/lecture.ts";
import { calculusLecture } from "../../infra/sample-lecture/scripts.ts";
import { compileBothWays } from "./compile-ways.ts";

/**
 * `npm run bench:compile`: the compilation's media alone (clips, posters, reel) on a generated
 * 720p lecture, re-encoded whole (the way before the smart cut) and smart-cut, in the same run
 * on the same clips; one JSON line with wall and CPU seconds of each. A benchmark reports; it
 * never fails on a slow day.
 *
 * Options: --minutes 10 --clips 5 --clip-seconds 15
 */
const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    clips: { type: "string", default: "5" },
    "clip-seconds": { type: "string", default: "15" },
  },
});
const fps = 30;
const lecture = await generateLecture({
  script: calculusLecture,
  width: 1280,
  height: 720,
  fps,
  gopSeconds: 4,
  presenterInset: true,
  repeatToSeconds: Number(values.minutes) * 60,
});
const count = Number(values.clips);
const clipSeconds = Number(values["clip-seconds"]);
const spacing = lecture.truth.durationSeconds / count;
// Cuts between keyframes, on the frame grid, as the planner makes them.
const onGrid = (t: number) => Math.round(t * fps) / fps;
const clips = Array.from({ length: count }, (_, i) => {
  const start = onGrid(i * spacing + 1.37);
  return { start, end: onGrid(start + clipSeconds) };
});
const workDir = mkdtempSync(join(tmpdir(), "lh-bench-compile-"));
try {
  const result = await compileBothWays({ source: lecture.path, clips, fadeSeconds: 0.5, fps, workDir });
  console.log(
    JSON.stringify({ lecture_s: lecture.truth.durationSeconds, clips: count, clip_s: clipSeconds, ...result }),
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
