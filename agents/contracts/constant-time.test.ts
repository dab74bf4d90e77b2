import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./constant-time.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("constantTimeEqual", () => {
  it("is true only for the same bytes", () => {
    expect(constantTimeEqual(bytes("a1b2c3"), bytes("a1b2c3"))).toBe(true);
    expect(constantTimeEqual(bytes("a1b2c3"), bytes("a1b2c4"))).toBe(false);
    expect(constantTimeEqual(bytes("b1b2c3"), bytes("a1b2c3"))).toBe(false);
  });

  it("is false for different lengths, a prefix included", () => {
    expect(constantTimeEqual(bytes("a1b2"), bytes("a1b2c3"))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array([0]))).toBe(false);
  });

  it("is true for two empty arrays", () => {
    expect(constantTimeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });
});
