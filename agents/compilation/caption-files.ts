import type { CompilationPlan, Transcript } from "../contracts/artifacts.ts";
import type { CaptionFiles, CaptionText } from "../contracts/pipeline-agents.ts";
import { toSrt, toWebVtt } from "./caption-formats.ts";
import { captionCues } from "./captions.ts";
import { reelSentences } from "./reel-sentences.ts";

/**
 * The lecture's captions and the reel's, retimed onto the reel, as WebVTT and SRT. The reel's
 * cues are built from the words heard in the reel, so no cue shows words a cut left out.
 *
 * @example
 * const { lecture, reel } = captionFiles({ transcript, plan }); // reel is null for an empty reel
 */
export function captionFiles(input: { transcript: Transcript; plan: CompilationPlan }): CaptionFiles {
  const files = (cues: ReturnType<typeof captionCues>): CaptionText => ({ webVtt: toWebVtt(cues), srt: toSrt(cues) });
  const { sentences } = input.transcript;
  const hasReel = input.plan.reel.order.length > 0;
  return {
    lecture: files(captionCues(sentences)),
    reel: hasReel ? files(captionCues(reelSentences(sentences, input.plan))) : null,
  };
}
