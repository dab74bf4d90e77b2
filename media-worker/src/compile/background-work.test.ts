import { describe, expect, it } from "vitest";
import { BackgroundWork } from "./background-work.ts";

const later = <T>(ms: number, value: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(value());
      } catch (error) {
        reject(error);
      }
    }, ms),
  );

describe("BackgroundWork", () => {
  it("throws the first failure only after every piece has finished", async () => {
    const work = new BackgroundWork();
    const finished: string[] = [];
    work.start(
      later(1, () => {
        throw new Error("upload failed");
      }),
    );
    work.start(later(30, () => finished.push("slow upload")));
    await expect(work.settle()).rejects.toThrow("upload failed");
    expect(finished).toEqual(["slow upload"]);
  });

  it("hands back each piece's result and settles quietly when all succeed", async () => {
    const work = new BackgroundWork();
    const key = work.start(later(1, () => "clips/highlight-1.mp4"));
    await expect(work.settle()).resolves.toBeUndefined();
    expect(await key).toBe("clips/highlight-1.mp4");
  });
});
