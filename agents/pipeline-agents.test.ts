import { describe, expect, it } from "vitest";
import { parseCaptions } from "./compilation/caption-formats.ts";
import type { AudioAnalysis, ProbeResult } from "./contracts/artifacts.ts";
import { JobOptions } from "./contracts/job.ts";
import type { PipelineAgents } from "./contracts/pipeline-agents.ts";
import { createPipelineAgents } from "./pipeline-agents.ts";
import { threeTopics, typedLecture } from "./testing/lecture-fixture.ts";

describe("createPipelineAgents", () => {
  it("fits the PipelineAgents contract and runs its decisions offline", async () => {
    const agents: PipelineAgents = createPipelineAgents({ slideReader: null });
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const probe: ProbeResult = {
      durationSeconds,
      formatName: "mp4",
      sizeBytes: 1,
      audio: { codec: "aac", sampleRate: 48000, channels: 1 },
      video: null,
    };
    const audio: AudioAnalysis = { speechTrackKey: "k", silences: [], integratedLoudnessLufs: null };
    const call = { signal: new AbortController().signal, onProgress: () => {} };
    const options = JobOptions.parse({ highlightCount: 2, clipMinSeconds: 5, clipMaxSeconds: 15 });
    const slides = await agents.describeSlides({
      ...call,
      probe,
      segments: [
        { start: 0, end: 19.41, thumbnailPath: null, motion: 0 },
        { start: 19.41, end: durationSeconds, thumbnailPath: null, motion: 0.6 },
      ],
    });
    expect(slides.map((s) => s.layout)).toEqual(["slides", "talking_head"]);
    const analysis = await agents.analyse({ ...call, transcript, layout, audio, probe, options });
    const selection = await agents.select({ ...call, analysis, transcript, audio, layout, probe, options });
    const plan = await agents.plan({ ...call, selection, probe, options });
    expect(plan.clips).toHaveLength(2);
    const captions = await agents.captions({ ...call, transcript, plan });
    const reelCues = parseCaptions(captions.reel?.srt ?? "");
    expect(reelCues.length).toBeGreaterThan(0);
    expect(reelCues.at(-1)?.end).toBeLessThanOrEqual(plan.reel.durationSeconds);
    expect(parseCaptions(captions.lecture.webVtt).at(-1)?.end).toBe(transcript.sentences.at(-1)?.end);
  });
});
