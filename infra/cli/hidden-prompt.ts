import { emitKeypressEvents } from "node:readline";

/**
 * Asks for a secret on the terminal without echoing it. Null when stdin is not a terminal
 * (nothing to ask), so scripts pass secrets through the environment instead.
 *
 * @example
 * const password = await hiddenPrompt("Password: ");
 */
export function hiddenPrompt(question: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) return Promise.resolve(null);
  process.stderr.write(question);
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve) => {
    let typed = "";
    const finish = (answer: string | null) => {
      input.off("keypress", onKey);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      resolve(answer);
    };
    const onKey = (character: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      if (key.ctrl && key.name === "c") finish(null);
      else if (key.name === "return" || key.name === "enter") finish(typed);
      else if (key.name === "backspace") typed = typed.slice(0, -1);
      else if (character) typed += character;
    };
    input.on("keypress", onKey);
  });
}
