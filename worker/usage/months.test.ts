import { describe, expect, it } from "vitest";
import { addMonths, monthOf, monthStart, monthsBetween } from "./months.ts";

describe("months in UTC", () => {
  it("start at midnight UTC on the first and cross years", () => {
    expect(monthStart("2026-12").toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-03", -5)).toBe("2025-10");
    expect(monthsBetween("2025-11", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsBetween("2026-02", "2026-01")).toEqual([]);
  });

  it("place the last and first instants of a month by UTC, not by local time", () => {
    expect(monthOf(new Date("2026-03-31T23:59:59.999Z"))).toBe("2026-03");
    expect(monthOf(new Date("2026-04-01T00:00:00.000Z"))).toBe("2026-04");
    expect(monthOf(new Date("2026-04-01T01:30:00+02:00"))).toBe("2026-03");
  });

  it("refuses what is not a month", () => {
    expect(() => monthStart("2026-13")).toThrow();
    expect(() => monthStart("2026-3")).toThrow();
  });
});
