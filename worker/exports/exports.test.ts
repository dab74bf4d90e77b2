import { describe, expect, it } from "vitest";
import type { Chapter, Highlight } from "../../agents/contracts/artifacts.ts";
import { TooFewChaptersError } from "../errors/problem.ts";
import { attachment } from "./formats.ts";
import { csvField, highlightsCsv } from "./highlights-csv.ts";
import { highlightsEdl } from "./highlights-edl.ts";
import { exportDocument } from "./json-document.ts";
import { clockTime, smpteTimecode, timebase, vttTime } from "./timecode.ts";
import { vttChapters } from "./vtt-chapters.ts";
import { youtubeChapters } from "./youtube-chapters.ts";

const chapter = (start: number, title: string): Chapter => ({ start, title, summary: "" });
const highlight = (start: number, end: number, title: string, extra: Partial<Highlight> = {}): Highlight => ({
  start,
  end,
  title,
  summary: "s",
  keyPhrases: ["k"],
  score: 0.5,
  chapterIndex: 0,
  ...extra,
});

describe("timecodes", () => {
  it.each([
    [0, "0:00"],
    [59.99, "0:59"],
    [62.9, "1:02"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3723, "1:02:03"],
    [36_000, "10:00:00"],
  ])("clockTime(%s) = %s", (seconds, expected) => expect(clockTime(seconds)).toBe(expected));

  it.each([
    [0, "00:00:00.000"],
    [3723.4567, "01:02:03.457"],
    [59.9996, "00:01:00.000"],
  ])("vttTime(%s) = %s", (seconds, expected) => expect(vttTime(seconds)).toBe(expected));

  it.each([
    [25, 90, "00:00:03:15"],
    [24, 24 * 3600, "01:00:00:00"],
    // 29.97 drop-frame: frames 00 and 01 of each minute are skipped, except every tenth minute.
    [30000 / 1001, 1799, "00:00:59;29"],
    [30000 / 1001, 1800, "00:01:00;02"],
    [30000 / 1001, 17982, "00:10:00;00"],
    [30000 / 1001, 107892, "01:00:00;00"],
    [60000 / 1001, 3600, "00:01:00;04"],
    // 23.976 counts non-drop at 24.
    [24000 / 1001, 24 * 60, "00:01:00:00"],
  ])("smpteTimecode at %s fps of frame %s = %s", (fps, frame, expected) =>
    expect(smpteTimecode(frame, timebase(fps))).toBe(expected),
  );
});

describe("youtubeChapters", () => {
  it.each([
    {
      name: "moves the first chapter to 0:00",
      duration: 600,
      chapters: [chapter(4.2, "Intro"), chapter(120, "Limits"), chapter(390, "Derivatives")],
      expected: "0:00 Intro\n2:00 Limits\n6:30 Derivatives\n",
    },
    {
      name: "sorts chapters and writes hours from an hour on",
      duration: 5400,
      chapters: [chapter(3723, "Late"), chapter(0, "Start"), chapter(1800, "Middle")],
      expected: "0:00 Start\n30:00 Middle\n1:02:03 Late\n",
    },
    {
      name: "folds a chapter starting under 10 s after the previous one into it",
      duration: 600,
      chapters: [
        chapter(0, "A"),
        chapter(5, "Too soon"),
        chapter(100, "B"),
        chapter(109.9, "Also soon"),
        chapter(200, "C"),
      ],
      expected: "0:00 A\n1:40 B\n3:20 C\n",
    },
    {
      name: "drops a last chapter shorter than 10 s",
      duration: 305,
      chapters: [chapter(0, "A"), chapter(100, "B"), chapter(200, "C"), chapter(299, "Outro")],
      expected: "0:00 A\n1:40 B\n3:20 C\n",
    },
    {
      name: "keeps titles on one line, commas and quotes as they are",
      duration: 600,
      chapters: [chapter(0, 'Limits, "informally"'), chapter(60, "ε–δ\nproofs"), chapter(120, "  ")],
      expected: '0:00 Limits, "informally"\n1:00 ε–δ proofs\n2:00 Chapter 3\n',
    },
  ])("$name", ({ duration, chapters, expected }) =>
    expect(youtubeChapters({ durationSeconds: duration, chapters })).toBe(expected),
  );

  it.each([
    { name: "two chapters", duration: 600, chapters: [chapter(0, "A"), chapter(300, "B")], usable: 2 },
    { name: "none", duration: 600, chapters: [], usable: 0 },
    {
      name: "a lecture too short for three",
      duration: 25,
      chapters: [chapter(0, "A"), chapter(10, "B"), chapter(20, "C")],
      usable: 2,
    },
  ])("refuses $name with too_few_chapters", ({ duration, chapters, usable }) => {
    const attempt = () => youtubeChapters({ durationSeconds: duration, chapters });
    expect(attempt).toThrow(TooFewChaptersError);
    expect(attempt).toThrow(`this lecture has ${usable}`);
  });
});

describe("vttChapters", () => {
  it.each([
    {
      name: "one cue per chapter, each to the next one's start, the last to the end",
      duration: 3725.5,
      chapters: [chapter(3600, "Hour two"), chapter(0, "Start")],
      expected:
        "WEBVTT\n\nchapter-1\n00:00:00.000 --> 01:00:00.000\nStart\n\nchapter-2\n01:00:00.000 --> 01:02:05.500\nHour two\n",
    },
    {
      name: "escapes markup and leaves out a chapter of no length",
      duration: 100,
      chapters: [chapter(0, "dup"), chapter(0, "a < b & c --> d"), chapter(50, "x\ny")],
      expected:
        "WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:00:50.000\na &lt; b &amp; c --&gt; d\n\nchapter-2\n00:00:50.000 --> 00:01:40.000\nx y\n",
    },
    { name: "no chapters: a valid empty file", duration: 100, chapters: [], expected: "WEBVTT\n" },
  ])("$name", ({ duration, chapters, expected }) =>
    expect(vttChapters({ durationSeconds: duration, chapters })).toBe(expected),
  );
});

describe("highlightsCsv", () => {
  it.each([
    ["plain", "plain"],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["-1, or not", '"\'-1, or not"'],
    [61.5, "61.5"],
  ])("csvField(%j) = %s", (value, expected) => expect(csvField(value)).toBe(expected));

  it("writes a header and one CRLF row per highlight in timeline order", () => {
    const csv = highlightsCsv({
      highlights: [
        highlight(3700.25, 3730, 'Limits, "informally"', { keyPhrases: ["limit", "ε"], score: 0.91234 }),
        highlight(61.5, 90, "First"),
      ],
    });
    expect(csv).toBe(
      "number,start,end,duration,start_time,title,summary,key_phrases,score\r\n" +
        "1,61.5,90,28.5,1:01,First,s,k,0.5\r\n" +
        '2,3700.25,3730,29.75,1:01:40,"Limits, ""informally""",s,limit; ε,0.912\r\n',
    );
  });
});

describe("highlightsEdl", () => {
  const source = (frameRate: number | null, highlights: Highlight[]) => ({
    name: "Week 3: Derivatives",
    sourceFilename: "week3.mp4",
    frameRate,
    highlights,
  });

  it("cuts each highlight at 25 fps, laid end to end from 01:00:00:00", () => {
    expect(highlightsEdl(source(25, [highlight(200, 215.5, "Second"), highlight(100, 130, "First")]))).toBe(
      [
        "TITLE: Week 3: Derivatives",
        "FCM: NON-DROP FRAME",
        "",
        "001  AX       AA/V  C        00:01:40:00 00:02:10:00 01:00:00:00 01:00:30:00",
        "* FROM CLIP NAME: week3.mp4",
        "* COMMENT: First",
        "002  AX       AA/V  C        00:03:20:00 00:03:35:13 01:00:30:00 01:00:45:13",
        "* FROM CLIP NAME: week3.mp4",
        "* COMMENT: Second",
        "",
      ].join("\r\n"),
    );
  });

  it("counts drop-frame at 29.97 for an hour-long lecture", () => {
    const edl = highlightsEdl(source(30000 / 1001, [highlight(3600, 3630, "An hour in")]));
    expect(edl).toContain("FCM: DROP FRAME");
    // 3600 s is frame 107892 at 29.97, which drop-frame counts as exactly one hour; 30 s more
    // are 899 frames (not 900), which the clock shows as 29;29.
    expect(edl).toContain("001  AX       AA/V  C        01:00:00;00 01:00:29;29 01:00:00;00 01:00:29;29");
  });

  it("uses an audio track at 30 fps without video, and plain ASCII", () => {
    const edl = highlightsEdl({ ...source(null, [highlight(1, 2, "Über\nεpsilon")]), name: "Übung" });
    expect(edl).toContain("TITLE: Ubung\r\n");
    expect(edl).toContain("001  AX       AA    C        00:00:01:00 00:00:02:00 01:00:00:00 01:00:01:00");
    expect(edl).toContain("* COMMENT: Uber psilon\r\n");
  });

  it("leaves out a highlight shorter than a frame and numbers the rest without a gap", () => {
    const edl = highlightsEdl(source(25, [highlight(10, 10.01, "Blink"), highlight(20, 21, "Kept")]));
    expect(edl).toContain("001  AX");
    expect(edl).toContain("* COMMENT: Kept");
    expect(edl).not.toContain("Blink");
  });
});

describe("exportDocument", () => {
  it("is versioned, sorted, with chapter ends and chapter indexes into its own chapters", () => {
    const document = exportDocument({
      name: "Week 3",
      sourceFilename: "week3.mp4",
      durationSeconds: 600,
      frameRate: 29.97,
      chapters: [chapter(300, "Two"), chapter(0, "One")],
      highlights: [highlight(400, 430, "Later", { chapterIndex: 0 }), highlight(10, 40, "Early")],
    });
    expect(document).toMatchObject({
      format: "lecture-highlights/export",
      version: 1,
      lecture: { name: "Week 3", durationSeconds: 600, frameRate: 29.97 },
      chapters: [
        { start: 0, end: 300, title: "One" },
        { start: 300, end: 600, title: "Two" },
      ],
      highlights: [
        { title: "Early", chapterIndex: 0 },
        { title: "Later", chapterIndex: 1 },
      ],
    });
  });
});

describe("attachment", () => {
  it.each([
    [
      "Week 3 - highlights.csv",
      `attachment; filename="Week 3 - highlights.csv"; filename*=UTF-8''Week%203%20-%20highlights.csv`,
    ],
    [
      'Übung "3": a/b - chapters.vtt',
      `attachment; filename="Ubung _3__ a_b - chapters.vtt"; filename*=UTF-8''%C3%9Cbung%20_3__%20a_b%20-%20chapters.vtt`,
    ],
    ["100% (final).json", `attachment; filename="100_ (final).json"; filename*=UTF-8''100%25%20%28final%29.json`],
  ])("attachment(%j)", (filename, expected) => expect(attachment(filename)).toBe(expected));
});
