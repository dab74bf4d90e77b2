import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import type { GrayFrame } from "../ffmpeg/gray-frames.ts";
import type { VideoPacket } from "../ffmpeg/packets.ts";
import { mapWithLimit } from "../pool.ts";
import { changedCellFraction } from "./frame-difference.ts";

/**
 * Keyframes further apart than this (in changed cells) may hold a slide change. Measured on
 * generated lectures with a moving presenter inset: changes 0.21–0.27, motion at most 0.08.
 */
export const candidateThreshold = 0.12;
/** A real change is one frame-to-frame jump this large; motion spreads over frames at <= 0.06. */
export const confirmThreshold = 0.1;

/** Decodes every frame of each window (one batch = one ffmpeg process). */
export type WindowDecoder = (windows: TimeRange[]) => Promise<GrayFrame[][]>;
export type SlideChange = { time: number; keyframeIndex: number; score: number };
export type SlideChangeSearch = {
  keyframes: GrayFrame[];
  /** Packet sizes locate the change inside a GOP before any decoding; empty disables that. */
  packets: VideoPacket[];
  decode: WindowDecoder;
  frameSeconds: number;
  /**
   * Place a change without decoding when the bitstream is unambiguous (the largest packet of
   * the GOP at least `clearPacketRatio` × its median): on the generated lectures changes
   * measure 37–103×, GOPs without one at most 2.5×. Such a change lands on that packet's frame,
   * up to the B-frame run late (measured ≤ 0.1 s); ambiguous GOPs are still decoded.
   */
  trustClearPackets?: boolean;
  /** ffmpeg processes at once: the layout has a core to itself, and the other one once the audio pass ends. */
  parallel?: number;
  onProgress?: (fraction: number) => void;
};
const windowsPerBatch = 8;
export const clearPacketRatio = 10;

/**
 * Finds slide changes without decoding every frame. Keyframe pairs that differ are candidates.
 * Inside a candidate GOP the new slide is where the encoder spent the most bits: where that
 * packet stands out clearly it places the change (with `trustClearPackets`); otherwise only
 * the frames up to the largest packet are decoded, and the change is placed on the frame where the
 * picture jumps. When that guess holds no jump, the whole GOP is decoded; candidates without
 * any jump (gradual motion) are dropped.
 *
 * @example
 * const changes = await findSlideChanges({ keyframes, packets, decode, frameSeconds: 1 / 30 });
 * changes[0]; // { time: 16.933, keyframeIndex: 5, score: 0.26 }
 */
export async function findSlideChanges(search: SlideChangeSearch): Promise<SlideChange[]> {
  const { keyframes, frameSeconds } = search;
  const candidates: number[] = [];
  for (let i = 1; i < keyframes.length; i++) {
    if (changedCellFraction(keyframes[i - 1]!, keyframes[i]!) >= candidateThreshold) candidates.push(i);
  }
  const gop = (index: number) => ({
    start: keyframes[index - 1]!.time,
    end: keyframes[index]!.time + frameSeconds / 2,
  });
  const hints = candidates.map((index) => {
    const { start, end } = gop(index);
    return largestPacketBetween(search.packets, start, end - frameSeconds);
  });
  const clear = (i: number) => search.trustClearPackets === true && (hints[i]?.ratio ?? 0) >= clearPacketRatio;
  const found: (SlideChange | null)[] = candidates.map((index, i) =>
    clear(i) ? { time: hints[i]!.time, keyframeIndex: index, score: candidateThreshold } : null,
  );
  const toDecode = candidates.filter((_, i) => !clear(i));
  const narrowed = toDecode.map((index) => {
    const { start, end } = gop(index);
    const hint = hints[candidates.indexOf(index)];
    return hint ? { start, end: hint.time + frameSeconds * 1.5 } : { start, end };
  });
  const first = await decodeInBatches(search, narrowed, (done) =>
    search.onProgress?.((0.9 * done) / candidates.length),
  );
  first.forEach((frames, i) => {
    found[candidates.indexOf(toDecode[i]!)] = biggestJump(frames, toDecode[i]!);
  });
  const retry = toDecode.filter(
    (index, i) => !isChange(found[candidates.indexOf(index)] ?? null) && narrowed[i]!.end < gop(index).end,
  );
  const second = await decodeInBatches(search, retry.map(gop), () => {});
  retry.forEach((index, i) => {
    found[candidates.indexOf(index)] = biggestJump(second[i]!, index);
  });
  search.onProgress?.(1);
  return found.filter(isChange);
}

const isChange = (change: SlideChange | null): change is SlideChange =>
  change !== null && change.score >= confirmThreshold;

function biggestJump(frames: GrayFrame[], keyframeIndex: number): SlideChange | null {
  let best: SlideChange | null = null;
  for (let i = 1; i < frames.length; i++) {
    const score = changedCellFraction(frames[i - 1]!, frames[i]!);
    if (!best || score > best.score) best = { time: frames[i]!.time, keyframeIndex, score };
  }
  return best;
}

/** The largest non-key packet inside the range and how many times the median it is. */
function largestPacketBetween(
  packets: VideoPacket[],
  start: number,
  end: number,
): { time: number; ratio: number } | null {
  const inside = packets.filter((p) => p.time > start && p.time < end && !p.keyframe);
  if (inside.length === 0) return null;
  const biggest = inside.reduce((a, b) => (b.size > a.size ? b : a));
  const sizes = inside.map((p) => p.size).sort((a, b) => a - b);
  const median = Math.max(1, sizes[Math.floor(sizes.length / 2)]!);
  return { time: biggest.time, ratio: biggest.size / median };
}

async function decodeInBatches(search: SlideChangeSearch, windows: TimeRange[], onDone: (done: number) => void) {
  const batches: TimeRange[][] = [];
  for (let first = 0; first < windows.length; first += windowsPerBatch)
    batches.push(windows.slice(first, first + windowsPerBatch));
  let done = 0;
  const decoded = await mapWithLimit(batches, search.parallel ?? 2, async (batch) => {
    const frames = await search.decode(batch);
    done += batch.length;
    onDone(done);
    return frames;
  });
  return decoded.flat();
}
