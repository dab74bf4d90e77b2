import type { JobOptionChoices } from "../../../agents/contracts/job.ts";

const numberFields = ["highlightCount", "clipMinSeconds", "clipMaxSeconds", "reelMaxSeconds", "chapters"] as const;

/** Makes one labelled input with its hint; each page places its own error line beside it. */
export type FieldMaker = (
  id: string,
  label: string,
  attributes: Record<string, string | number>,
  hint?: string,
) => HTMLElement;

/**
 * The inputs of a job's options, the same on the new-job page and the settings page: each left
 * empty is not chosen (a default from further down applies: the user's, the organization's,
 * the built-in one). `values` prefills them, `idPrefix` keeps two sets on one page apart.
 *
 * @example
 * form.append(...jobOptionInputs(field, preferences.jobDefaults));
 */
export function jobOptionInputs(field: FieldMaker, values: JobOptionChoices = {}, idPrefix = ""): HTMLElement[] {
  const value = (name: keyof JobOptionChoices): Record<string, string> =>
    values[name] === undefined ? {} : { value: String(values[name]) };
  const number = (name: (typeof numberFields)[number], label: string, min: number, max: number) =>
    field(`${idPrefix}${name}`, label, { type: "number", min, max, placeholder: "auto", ...value(name) });
  return [
    number("highlightCount", "Highlights", 1, 20),
    number("clipMinSeconds", "Shortest clip (seconds)", 5, 300),
    number("clipMaxSeconds", "Longest clip (seconds)", 5, 600),
    number("reelMaxSeconds", "Reel length at most (seconds)", 10, 1800),
    number("chapters", "Chapters", 1, 50),
    field(
      `${idPrefix}language`,
      "Language",
      { type: "text", placeholder: "en", autocomplete: "off", ...value("language") },
      "Two letters, such as en or de, optionally with a region: en-US. Empty: your default, else English.",
    ),
  ];
}

/**
 * The options chosen in a form built with `jobOptionInputs`: only the fields filled in.
 *
 * @example
 * jobOptionChoices(new FormData(form)); // { highlightCount: 3, language: "de" }
 */
export function jobOptionChoices(values: FormData, idPrefix = ""): JobOptionChoices {
  const chosen: Record<string, number | string> = {};
  for (const name of numberFields) {
    const text = String(values.get(`${idPrefix}${name}`) ?? "").trim();
    if (text !== "") chosen[name] = Number(text);
  }
  const language = String(values.get(`${idPrefix}language`) ?? "").trim();
  if (language) chosen.language = language;
  return chosen as JobOptionChoices;
}
