import { describe, expect, it } from "vitest";
import { changesOnly, progressLine } from "./progress-line.ts";

/** A stream that keeps what is written to it, a terminal or not. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream };
}

describe("progressLine", () => {
  it("rewrites one line in place on a terminal and ends it once", () => {
    const terminal = stream(true);
    const progress = progressLine(terminal.stream);
    for (const text of ["upload  10%", "upload  10%", "upload  20%", "job     50%"]) progress.update(text);
    progress.done();
    expect(terminal.written).toEqual(["\r\x1b[2Kupload  10%", "\r\x1b[2Kupload  20%", "\r\x1b[2Kjob     50%", "\n"]);
    expect(terminal.written.join("").split("\n")).toHaveLength(2);
  });

  it("writes a plain line per change elsewhere, with no control characters", () => {
    const pipe = stream(false);
    const progress = progressLine(pipe.stream);
    for (const text of ["upload  10%", "upload  10%", "job     50%"]) progress.update(text);
    progress.done();
    expect(pipe.written.join("")).toBe("upload  10%\njob     50%\n");
  });

  it("passes on a line only when it changes, so repeated progress is logged once", () => {
    const lines: string[] = [];
    const log = changesOnly((line) => lines.push(line));
    for (const line of ["job  60% compilation", "job  60% compilation", "job  70% compilation", "job  60% compilation"])
      log(line);
    expect(lines).toEqual(["job  60% compilation", "job  70% compilation", "job  60% compilation"]);
  });
});
