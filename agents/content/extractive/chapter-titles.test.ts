import { describe, expect, it } from "vitest";
import type { Sentence } from "../../contracts/artifacts.ts";
import { chapterTitles } from "./chapter-titles.ts";
import { buildTermModel } from "./term-weights.ts";

const said = (text: string): Sentence => ({
  start: 0,
  end: 1,
  text,
  confidence: 1,
  words: text.split(" ").map((w, i) => ({ text: w, start: i, end: i + 0.5, confidence: 1 })),
});

/** The titles of a lecture given as chapters of sentences, with idf over those chapters. */
function titlesOf(chapters: readonly (readonly string[])[]): (string | null)[] {
  const model = buildTermModel(chapters.map((chapter) => chapter.join(" ")));
  return chapterTitles(
    chapters.map((chapter) => chapter.map(said)),
    model,
  );
}

const unrelated = ["The cell membrane holds the cell together", "Proteins cross the cell membrane slowly"];

describe("chapter titles people would write", () => {
  it.each([
    {
      rule: "never a preposition or number word",
      chapter: [
        "Speed is distance per time and the speed limit matters",
        "We go four hundred meters per minute",
        "Per hour we do four hundred more",
        "The speed limit is fixed per road",
      ],
      title: "Speed limit",
    },
    {
      rule: "never a lone Greek letter, read-aloud symbol or unit",
      chapter: [
        "Theta dot is the rate and theta is the angle of the pendulum",
        "So theta squared over theta",
        "Theta goes up by ten degrees and theta comes back",
        "The pendulum swings through ten degrees",
      ],
      title: "Pendulum",
    },
    {
      rule: "a unit or symbol inside a name is fine",
      chapter: [
        "A rigid body has six degrees of freedom",
        "Each of the degrees of freedom needs a coordinate",
        "Count the degrees of freedom before you write the equations",
      ],
      title: "Degrees of freedom",
    },
    {
      rule: "never a word the lecture uses as a verb or adjective",
      chapter: [
        "We prove it and then we prove the lemma",
        "To prove this is false we prove the opposite",
        "If it is false then the lemma is false",
        "You prove that and it is false",
      ],
      title: "Lemma",
    },
    {
      rule: "a phrase over the lone word it contains",
      chapter: [
        "The value function gives each state a value",
        "We update the value function after each value we see",
        "A value here and a value there",
        "So the value function converges",
      ],
      title: "Value function",
    },
    {
      rule: "the recurring topic over an example told in one passage",
      chapter: [
        "Milk is an example and milk spoils and milk is cold",
        "The milk in my fridge is milk and more milk",
        "Bacteria grow in warm places",
        "Some bacteria are useful",
        "We count the bacteria in a sample",
        "Those bacteria double every hour",
        "Then bacteria run out of food",
      ],
      title: "Bacteria",
    },
    {
      rule: "a short lowercase word is not a name, an acronym is",
      chapter: ["The bid is in and the bid wins", "So we sequence DNA", "DNA is read in pieces", "The bid is low"],
      title: "DNA",
    },
    {
      rule: "no transcriber's note or speaker label",
      chapter: [
        "(multiple conversations; inaudible) and the garden grows",
        "LEWIN : (multiple conversations; inaudible)",
        "LEWIN : the garden needs water (multiple conversations; inaudible)",
        "The garden is green",
      ],
      title: "Garden",
    },
    {
      rule: "never a lone adjective, even where no copula gives it away",
      chapter: [
        "So it's optimal and the cost is low",
        "That's optimal here",
        "Something optimal again and optimal there",
        "The cost matters",
      ],
      title: "Cost",
    },
    {
      rule: "never a lone participle",
      chapter: [
        "They got separated and separated again",
        "Once separated the charges stay",
        "The charges move apart",
        "Separated quickly, separated slowly",
      ],
      title: "Charges",
    },
    {
      rule: "never a verb inside a name",
      chapter: [
        "Humans perceive gravity all day",
        "Why do we perceive gravity at all",
        "Gravity pulls us down",
        "So we perceive gravity too",
      ],
      title: "Gravity",
    },
    {
      rule: "a vague quantity before the name is trimmed",
      chapter: [
        "The sum of kinetic energy is fixed",
        "Take the sum of kinetic energy again",
        "The sum of kinetic energy here",
        "And the sum of kinetic energy",
      ],
      title: "Kinetic energy",
    },
    {
      rule: "a vague modifier before the name is trimmed",
      chapter: ["The new policy is better", "The new policy wins", "A new policy each time", "The new policy again"],
      title: "Policy",
    },
    {
      rule: "never a numeral or ordinal",
      chapter: [
        "In the 17th century sailors sailed",
        "The 17th century saw sailors",
        "Sailors in the 17th century",
        "The 17th century again",
      ],
      title: "Century",
    },
  ])("$rule", ({ chapter, title }) => {
    expect(titlesOf([chapter, unrelated])[0]).toBe(title);
  });

  it("prefers what this chapter says and the rest of the lecture does not", () => {
    const everywhere = "The pressure matters here and the pressure rises";
    const titles = titlesOf([
      [everywhere, "The lungs take in air", "The lungs expand", everywhere],
      [everywhere, "The heart pumps blood", "The heart beats", everywhere],
    ]);
    expect(titles).toEqual(["Lungs", "Heart"]);
  });

  it("never gives two chapters one title: the chapter it names less well takes its next best", () => {
    const titles = titlesOf([
      [
        "The orbit of the moon is an orbit",
        "Each orbit takes a month",
        "The orbit is an ellipse and the moon is bright",
        "An orbit again",
      ],
      [
        "The orbit is low",
        "An orbit near the earth",
        "The satellite is fast and the satellite is small",
        "The orbit ends and the orbit decays",
      ],
    ]);
    expect(titles).toEqual(["Orbit", "Satellite"]);
    expect(titlesOf([unrelated, ["Orbits are long", "The orbits here"], ["The orbit", "One orbit"]])).toEqual([
      "Cell membrane",
      "Orbits",
      null,
    ]);
  });

  it("never names a chapter with a piece of a longer name", () => {
    const titles = titlesOf([
      [
        "The ping pong ball bounces",
        "A ping pong ball is light",
        "Drop the ping pong ball",
        "The ping pong ball again",
      ],
      ["The ping pong ball", "The ping pong ball is not", "The ping pong ball again", "A wall"],
    ]);
    expect(titles).toEqual(["Ping pong ball", null]);
  });

  it("writes titles in sentence case with the lecture's own capitals", () => {
    expect(titlesOf([["We run DPLL on it", "DPLL backtracks on a clause"], unrelated])[0]).toBe("DPLL");
    expect(titlesOf([["Kepler found the third law of Kepler", "So Kepler wrote it"], unrelated])[0]).toBe("Kepler");
  });
});
