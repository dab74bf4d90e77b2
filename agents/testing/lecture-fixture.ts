import type { LayoutAnalysis, Sentence, Transcript, Word } from "../contracts/artifacts.ts";

export type FixtureTopic = { title: string; bullets: string[]; sentences: string[] };

/**
 * A typed lecture for unit tests: words at a steady pace, short pauses between sentences and
 * longer ones between topics, one slide per topic whose change falls in the topic pause.
 *
 * @example
 * const { transcript, layout, durationSeconds } = typedLecture([{ title: "Limits", bullets: ["…"], sentences: ["…"] }]);
 */
export function typedLecture(
  topics: readonly FixtureTopic[],
  pace = { wordSeconds: 0.4, sentencePause: 0.8, topicPause: 2.1, leadIn: 1 },
): { transcript: Transcript; layout: LayoutAnalysis; durationSeconds: number } {
  const sentences: Sentence[] = [];
  const slideChanges: number[] = [];
  let cursor = pace.leadIn;
  topics.forEach((topic, topicIndex) => {
    if (topicIndex > 0) {
      slideChanges.push(round(cursor - pace.sentencePause + pace.topicPause / 2));
      cursor += pace.topicPause - pace.sentencePause;
    }
    for (const text of topic.sentences) {
      const words: Word[] = text.split(" ").map((w, i) => ({
        text: w,
        start: round(cursor + i * pace.wordSeconds),
        end: round(cursor + (i + 0.85) * pace.wordSeconds),
        confidence: 0.9,
      }));
      sentences.push({
        start: words[0]?.start ?? cursor,
        end: words.at(-1)?.end ?? cursor,
        text,
        confidence: 0.9,
        words,
      });
      cursor = (words.at(-1)?.end ?? cursor) + pace.sentencePause;
    }
  });
  const durationSeconds = round(cursor + 1);
  const bounds = [0, ...slideChanges, durationSeconds];
  const layout: LayoutAnalysis = {
    slideChanges,
    segments: topics.map((topic, i) => ({
      start: bounds[i] as number,
      end: bounds[i + 1] as number,
      layout: "slides",
      thumbnailKey: null,
      title: topic.title,
      text: [topic.title, ...topic.bullets].join("\n"),
    })),
  };
  return { transcript: { backend: "pocketsphinx", language: "en", sentences, costUsd: 0 }, layout, durationSeconds };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Three topics with distinct vocabularies and one cue-phrased key statement each. */
export const threeTopics: FixtureTopic[] = [
  {
    title: "Rates of Change",
    bullets: ["Velocity is a rate of change", "Average versus instant"],
    sentences: [
      "Today we study how quantities change over time",
      "A speedometer shows the velocity of a moving car",
      "The key idea is that an instant rate is the limit of average rates",
      "Velocity compares distance travelled with time elapsed",
    ],
  },
  {
    title: "Sorting Algorithms",
    bullets: ["Merge sort splits lists", "Quick sort picks a pivot"],
    sentences: [
      "Sorting puts a list of items into increasing order",
      "Merge sort splits the list into halves and merges sorted halves",
      "Remember that quick sort partitions items around a pivot element",
      "Both algorithms compare items to decide their order",
    ],
  },
  {
    title: "Photosynthesis",
    bullets: ["Light becomes chemical energy", "Chlorophyll absorbs light"],
    sentences: [
      "Plants capture sunlight with chlorophyll in their leaves",
      "Photosynthesis is defined as turning light into chemical energy stored in sugar",
      "Leaves release oxygen while plants absorb carbon dioxide",
      "In summary plants feed themselves with light water and carbon dioxide",
    ],
  },
];
