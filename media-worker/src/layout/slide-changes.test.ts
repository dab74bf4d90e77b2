import { describe, expect, it } from "vitest";
import type { TimeRange } from "../../../agents/contracts/artifacts.ts";
import { type GrayFrame, grayFrameSize } from "../ffmpeg/gray-frames.ts";
import { findSlideChanges } from "./slide-changes.ts";

const fps = 10;
const pixelCount = grayFrameSize.width * grayFrameSize.height;
/** A synthetic video: slide A until `change`, slide B after; 10 fps, keyframes every 2 s. */
const frameAt = (time: number, change: number): GrayFrame => ({
  time,
  pixels: new Uint8Array(pixelCount).fill(time >= change ? 200 : 40),
});
const decoderFor = (change: number, seen: TimeRange[]) => async (windows: TimeRange[]) =>
  windows.map((w) => {
    seen.push(w);
    const frames: GrayFrame[] = [];
    for (let n = Math.round(w.start * fps); n / fps < w.end; n++) frames.push(frameAt(n / fps, change));
    return frames;
  });
const keyframes = (change: number) => [0, 2, 4, 6].map((t) => frameAt(t, change));

describe("findSlideChanges", () => {
  it("places the change on its frame, decoding only up to the largest packet", async () => {
    const seen: TimeRange[] = [];
    const packets = [
      { time: 2.7, size: 90_000, keyframe: false },
      { time: 2.9, size: 1_000, keyframe: false },
    ];
    const changes = await findSlideChanges({
      keyframes: keyframes(2.7),
      packets,
      decode: decoderFor(2.7, seen),
      frameSeconds: 1 / fps,
    });
    expect(changes.map((c) => c.time)).toEqual([2.7]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.end).toBeCloseTo(2.85, 6);
  });

  it("decodes the whole GOP when the largest packet misleads", async () => {
    const seen: TimeRange[] = [];
    const packets = [{ time: 2.2, size: 90_000, keyframe: false }];
    const changes = await findSlideChanges({
      keyframes: keyframes(3.5),
      packets,
      decode: decoderFor(3.5, seen),
      frameSeconds: 1 / fps,
    });
    expect(changes.map((c) => c.time)).toEqual([3.5]);
    expect(seen.map((w) => w.end)).toEqual([2.35, 4.05]);
  });

  it("places a change the bitstream shows clearly without decoding, when trusted", async () => {
    const seen: TimeRange[] = [];
    const packets = [2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8, 2.9].map((time) => ({
      time,
      size: time === 2.7 ? 90_000 : 1_000,
      keyframe: false,
    }));
    const search = { keyframes: keyframes(2.7), packets, decode: decoderFor(2.7, seen), frameSeconds: 1 / fps };
    expect((await findSlideChanges({ ...search, trustClearPackets: true })).map((c) => c.time)).toEqual([2.7]);
    expect(seen).toHaveLength(0);
  });

  it("finds nothing where the keyframes do not differ", async () => {
    const still = [0, 2, 4].map((t) => frameAt(t, 99));
    expect(
      await findSlideChanges({ keyframes: still, packets: [], decode: decoderFor(99, []), frameSeconds: 1 / fps }),
    ).toEqual([]);
  });
});
