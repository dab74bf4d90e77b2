import type OpenAI from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { z } from "zod";
import { type RetryDeps, type RetryPolicy, withRetry } from "../../contracts/retry.ts";
import { isRetryableApiError } from "../../shared/openai-client.ts";

export type StructuredCallUsage = { inputTokens: number; outputTokens: number; requests: number };

export type StructuredCall<T> = {
  client: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Sent to the API as a strict JSON schema. */
  responseSchema: z.ZodType;
  /** Checked locally; may be stricter than what the API can enforce. */
  validate: z.ZodType<T>;
  name: string;
  /** Extra requests allowed to fix a reply that fails validation. */
  maxRepairs: number;
  retry: RetryPolicy;
  /** Its `signal` also aborts the request in flight, not only the waits between tries. */
  retryDeps?: RetryDeps;
  usage: StructuredCallUsage;
};

/** The model's reply could not be turned into valid output, even after repair requests. */
export class InvalidModelOutputError extends Error {
  override name = "InvalidModelOutputError";
}

/**
 * A chat completion with structured output, retried on 429/5xx/timeouts. A reply that is not
 * JSON or fails validation is sent back with the problems listed for the model to correct, at
 * most `maxRepairs` times, then rejected. Tokens of every request are added to `usage`.
 *
 * @example
 * const reply = await structuredCall({ client, model: "gpt-4.1-mini", messages, responseSchema: WindowReply,
 *   validate: CheckedWindowReply, name: "lecture_window", maxRepairs: 1, retry: defaultRetryPolicy, usage });
 */
export async function structuredCall<T>(call: StructuredCall<T>): Promise<T> {
  const messages = [...call.messages];
  for (let repair = 0; ; repair++) {
    const completion = await withRetry(
      () => {
        call.usage.requests++;
        return call.client.chat.completions.create(
          {
            model: call.model,
            messages,
            temperature: 0,
            response_format: zodResponseFormat(call.responseSchema, call.name),
          },
          { signal: call.retryDeps?.signal },
        );
      },
      isRetryableApiError,
      call.retry,
      call.retryDeps,
    );
    call.usage.inputTokens += completion.usage?.prompt_tokens ?? 0;
    call.usage.outputTokens += completion.usage?.completion_tokens ?? 0;
    const message = completion.choices[0]?.message;
    if (message?.refusal) throw new InvalidModelOutputError(`the model refused: ${message.refusal}`);
    const content = message?.content ?? "";
    const problems = problemsWith(content, call.validate);
    if (problems.value !== undefined) return problems.value;
    if (repair >= call.maxRepairs) {
      throw new InvalidModelOutputError(`invalid ${call.name} after ${repair + 1} replies: ${problems.text}`);
    }
    messages.push(
      { role: "assistant", content },
      { role: "user", content: `Your reply is not valid: ${problems.text}. Reply again with the corrected JSON only.` },
    );
  }
}

function problemsWith<T>(content: string, schema: z.ZodType<T>): { value?: T; text: string } {
  let json: unknown;
  try {
    json = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ""));
  } catch {
    return { text: "it is not parseable JSON" };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { value: parsed.data, text: "" };
  const issues = parsed.error.issues.slice(0, 8).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  return { text: issues.join("; ") };
}
