/**
 * Phrases lecturers use to flag what matters. Each pattern is loose on purpose: the offline
 * recognizer often gets one word of a phrase right and mangles the rest, so single strong
 * words ("remember", "summary", "defined") still count, for less.
 */
const cues: { pattern: RegExp; weight: number; label: string }[] = [
  { pattern: /\bkey (idea|point|insight|takeaway|concept)s?\b/, weight: 1, label: "the key idea" },
  { pattern: /\b(in summary|to summari[sz]e|in conclusion|to sum up)\b/, weight: 1, label: "in summary" },
  { pattern: /\bis defined as\b|\bdefinition of\b|\bwe define\b/, weight: 1, label: "is defined as" },
  { pattern: /\bremember (that|this)\b|\bdon't forget\b/, weight: 1, label: "remember" },
  {
    pattern: /\bthe (main|central|most important|big) (idea|point|result|lesson)\b/,
    weight: 1,
    label: "the main point",
  },
  { pattern: /\b(important|crucial|essential|fundamental)\b/, weight: 0.6, label: "important" },
  { pattern: /\b(remember|summary|summarize|defined|definition|key)\b/, weight: 0.5, label: "cue word" },
  {
    pattern: /\b(note that|notice that|in other words|this means|the point is|says that)\b/,
    weight: 0.4,
    label: "explanation",
  },
  { pattern: /\b(for example|for instance|such as|consider)\b/, weight: 0.3, label: "for example" },
];

/**
 * The strongest lecture cue in a sentence, 0 when there is none.
 *
 * @example
 * cueStrength("Remember that the chain rule multiplies derivatives.") // { weight: 1, label: "remember" }
 */
export function cueStrength(text: string): { weight: number; label: string | null } {
  const lower = text.toLowerCase();
  const hit = cues.find((cue) => cue.pattern.test(lower));
  return hit ? { weight: hit.weight, label: hit.label } : { weight: 0, label: null };
}

// Discourse markers that open a new part (Hirschberg and Litman's cue phrases, as lecturers say them).
const opener =
  /^(?:(?:so|okay|ok|all right|alright|well|and|now)[ ,]+)*(?:now (?:let's|let us|we|i)|let's (?:now |turn|move|look|talk|consider|go)|next|moving on|turning to|the next (?:topic|thing|part)|another (?:way|thing)|take a (?:deep )?breath|here's a variation|first of all)\b/;

/**
 * Whether a sentence opens a new part of the lecture ("So now let's…", "Next, …"): weak
 * evidence of a topic boundary before it, used to place a boundary already found by cohesion.
 *
 * @example
 * opensTopic("OK, so now let's look at the frame of the center of mass") // true
 */
export function opensTopic(text: string): boolean {
  const plain = text
    .toLowerCase()
    .replace(/[^a-z' ,]/g, " ")
    .replace(/\s+'/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return opener.test(plain);
}
