/**
 * What a sample lecture is made of and what the generator knows about it afterwards. Kept apart
 * from the generator so the timeline, the scripts and the tests can name them without importing
 * the generator itself.
 */
export type LectureScript = {
  title: string;
  topics: { title: string; bullets: string[]; sentences: { text: string; key?: boolean }[] }[];
};
/** How to render a script: picture size, GOP, presenter inset, pauses, audio/video only. */
export type LectureSpec = {
  script: LectureScript;
  width?: number;
  height?: number;
  fps?: number;
  gopSeconds?: number;
  presenterInset?: boolean;
  pauseSeconds?: number;
  repeatToSeconds?: number;
  audioOnly?: boolean;
  withoutAudio?: boolean;
};
/** Exact times, in seconds, of everything the pipeline should find in the lecture. */
export type GroundTruth = {
  durationSeconds: number;
  slideChanges: number[];
  topics: { start: number; end: number; title: string }[];
  sentences: { start: number; end: number; text: string; key: boolean; topicIndex: number }[];
  pauses: { start: number; end: number }[];
};
