import { createExtractiveAnalyser } from "../../agents/content/extractive/extractive-analyser.ts";
import {
  defaultSegmentationSettings,
  type SegmentationSettings,
} from "../../agents/content/extractive/segmentation-settings.ts";
import type { Chapter } from "../../agents/contracts/artifacts.ts";
import { type ChapterScore, scoreChapters, summarizeChapters } from "./chapter-scores.ts";
import { type HumanTranscript, loadHumanTranscripts } from "./human-transcripts.ts";
import { leaveOneOut } from "./leave-one-out.ts";
import { segmentationBaselines } from "./segmentation-baselines.ts";

/** The settings the dev lectures choose among, leave-one-lecture-out; the default first. */
export const segmentationGrid: SegmentationSettings[] = [
  defaultSegmentationSettings,
  ...[1, 2, 3, 5].flatMap((boundaryPrice) => [0.5, 1, 1.5].map((valleyCutoff) => ({ boundaryPrice, valleyCutoff }))),
].filter((s, i, all) => all.findIndex((t) => JSON.stringify(t) === JSON.stringify(s)) === i);

type Baselines = Record<"oneSegment" | "evenSplitTrueCount" | "textTilingTrueCount", ChapterScore>;

/**
 * Chapters of the offline analyser on real lecture transcripts segmented by people (no
 * slides: a blackboard lecture), beside the baselines of the same lectures, per split. On dev,
 * each lecture is also scored with the setting of `segmentationGrid` that is best on the other
 * dev lectures (leave-one-lecture-out): that, not the in-sample score of the defaults, says
 * how tuning generalises. The held-out split is only reported with the defaults: it must not
 * steer changes (see transcripts/README.md).
 *
 * @example
 * (await evaluateHumanTranscripts()).dev.extractiveLeaveOneOut.pk // 0.38
 */
export async function evaluateHumanTranscripts() {
  const dev = await scoreSplit(loadHumanTranscripts("dev"), segmentationGrid);
  const heldOut = await scoreSplit(loadHumanTranscripts("held-out"), [defaultSegmentationSettings]);
  const picks = leaveOneOut(dev.map((lecture) => lecture.bySetting.map((s) => s.pk)));
  return {
    dev: {
      ...report(dev),
      extractiveLeaveOneOut: summary(picks.map((pick, i) => dev[i]?.bySetting[pick.choice] as ChapterScore)),
      leaveOneOutSettings: picks.map((pick, i) => ({ lecture: dev[i]?.name, ...segmentationGrid[pick.choice] })),
    },
    heldOut: report(heldOut),
  };
}

async function scoreSplit(lectures: readonly HumanTranscript[], grid: readonly SegmentationSettings[]) {
  const scored = [];
  for (const lecture of lectures) {
    const score = (hypothesis: number[]) => scoreChapters(lecture.boundaries, hypothesis, lecture.durationSeconds);
    const runs: { chapters: Chapter[]; score: ChapterScore }[] = [];
    for (const settings of grid) {
      const chapters = await analyseChapters(lecture, settings);
      runs.push({ chapters, score: score(chapters.slice(1).map((c) => c.start)) });
    }
    const baselines = segmentationBaselines(
      lecture.transcript.sentences,
      lecture.durationSeconds,
      lecture.boundaries.length + 1,
    );
    scored.push({
      name: lecture.name,
      minutes: Math.round(lecture.durationSeconds / 60),
      titles: runs[0]?.chapters.map((c) => c.title) ?? [],
      bySetting: runs.map((run) => run.score),
      baselines: {
        oneSegment: score(baselines.oneSegment),
        evenSplitTrueCount: score(baselines.evenSplit),
        textTilingTrueCount: score(baselines.textTilingTrueCount),
      } satisfies Baselines,
    });
  }
  return scored;
}

/** The defaults' scores beside the baselines, for the split and for each lecture. */
function report(lectures: Awaited<ReturnType<typeof scoreSplit>>) {
  const baseline = (name: keyof Baselines) => summary(lectures.map((l) => l.baselines[name]));
  return {
    extractive: summary(lectures.map((l) => l.bySetting[0] as ChapterScore)),
    baselines: {
      oneSegment: baseline("oneSegment"),
      evenSplitTrueCount: baseline("evenSplitTrueCount"),
      textTilingTrueCount: baseline("textTilingTrueCount"),
    },
    lectures: lectures.map((l) => ({
      name: l.name,
      minutes: l.minutes,
      humanChapters: l.bySetting[0]?.trueChapters,
      extractiveChapters: l.bySetting[0]?.chapters,
      extractivePk: round(l.bySetting[0]?.pk ?? 0),
      oneSegmentPk: round(l.baselines.oneSegment.pk),
      textTilingTrueCountPk: round(l.baselines.textTilingTrueCount.pk),
      titles: l.titles,
    })),
  };
}

/** Means over a split's lectures; null for an empty split, which has no mean. */
const summary = (scores: readonly ChapterScore[]) => (scores.length > 0 ? summarizeChapters(scores) : null);

async function analyseChapters(lecture: HumanTranscript, segmentation: SegmentationSettings): Promise<Chapter[]> {
  const analysis = await createExtractiveAnalyser({ segmentation }).analyse({
    durationSeconds: lecture.durationSeconds,
    transcript: lecture.transcript,
    layout: null,
  });
  return analysis.chapters;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
