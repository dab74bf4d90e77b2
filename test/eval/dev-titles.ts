import { createExtractiveAnalyser } from "../../agents/content/extractive/extractive-analyser.ts";
import { loadHumanTranscripts } from "./human-transcripts.ts";

// Dev lectures only: titles are developed against these; held-out output must not steer changes.
for (const lecture of loadHumanTranscripts("dev")) {
  const analysis = await createExtractiveAnalyser().analyse({
    durationSeconds: lecture.durationSeconds,
    transcript: lecture.transcript,
    layout: null,
  });
  console.log(lecture.name.padEnd(12), JSON.stringify(analysis.chapters.map((c) => c.title)));
}
