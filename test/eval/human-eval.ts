import type { Chapter } from "../../agents/contracts/artifacts.ts";
import type { Agents } from "../../agents/index.ts";
import { type ChapterScore, scoreChapters, summarizeChapters } from "./chapter-scores.ts";
import { type HumanTranscript, loadHumanTranscripts } from "./human-transcripts.ts";
import { segmentationBaselines } from "./segmentation-baselines.ts";

/**
 * Chapters of the offline analyser on real lecture transcripts segmented by people (no
 * slides: a blackboard lecture), beside the baselines of the same lectures, per split. The
 * held-out split is only reported: it must not steer changes (see transcripts/README.md).
 *
 * @example
 * (await evaluateHumanTranscripts(createAgents())).heldOut.extractive.pk // 0.34
 */
export async function evaluateHumanTranscripts(agents: Agents) {
  const report: Record<string, unknown> = {};
  for (const split of ["dev", "held-out"] as const) {
    const rows = { extractive: [], oneSegment: [], evenSplit: [], textTilingTrueCount: [] } as Record<
      "extractive" | "oneSegment" | "evenSplit" | "textTilingTrueCount",
      ChapterScore[]
    >;
    const lectures: unknown[] = [];
    for (const lecture of loadHumanTranscripts(split)) {
      const score = (hypothesis: number[]) => scoreChapters(lecture.boundaries, hypothesis, lecture.durationSeconds);
      const chapters = await analyseChapters(agents, lecture);
      const extractive = score(chapters.slice(1).map((c) => c.start));
      const baselines = segmentationBaselines(
        lecture.transcript.sentences,
        lecture.durationSeconds,
        lecture.boundaries.length + 1,
      );
      rows.extractive.push(extractive);
      rows.oneSegment.push(score(baselines.oneSegment));
      rows.evenSplit.push(score(baselines.evenSplit));
      rows.textTilingTrueCount.push(score(baselines.textTilingTrueCount));
      lectures.push({
        name: lecture.name,
        minutes: Math.round(lecture.durationSeconds / 60),
        humanChapters: extractive.trueChapters,
        extractiveChapters: extractive.chapters,
        extractivePk: round(extractive.pk),
        oneSegmentPk: round(rows.oneSegment.at(-1)?.pk ?? 0),
        textTilingTrueCountPk: round(rows.textTilingTrueCount.at(-1)?.pk ?? 0),
        titles: chapters.map((c) => c.title),
      });
    }
    report[split === "dev" ? "dev" : "heldOut"] = {
      extractive: summarizeChapters(rows.extractive),
      baselines: {
        oneSegment: summarizeChapters(rows.oneSegment),
        evenSplitTrueCount: summarizeChapters(rows.evenSplit),
        textTilingTrueCount: summarizeChapters(rows.textTilingTrueCount),
      },
      lectures,
    };
  }
  return report;
}

async function analyseChapters(agents: Agents, lecture: HumanTranscript): Promise<Chapter[]> {
  const analysis = await agents.analyseContent({
    durationSeconds: lecture.durationSeconds,
    transcript: lecture.transcript,
    layout: null,
  });
  return analysis.chapters;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
