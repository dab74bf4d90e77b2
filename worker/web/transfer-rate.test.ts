import { describe, expect, it } from "vitest";
import { TransferRate } from "./transfer-rate.ts";

describe("TransferRate", () => {
  it("shows the amounts at first, then the recent speed and the time left", () => {
    let now = 0;
    const rate = new TransferRate(() => now);
    const MB = 1024 * 1024;
    expect(rate.describe(0, 100 * MB)).toBe("0 B of 100.0 MB uploaded");
    now = 500;
    expect(rate.describe(MB, 100 * MB)).toBe("1.0 MB of 100.0 MB uploaded");
    now = 2_000;
    expect(rate.describe(10 * MB, 100 * MB)).toBe("10.0 MB of 100.0 MB uploaded · 5.0 MB/s · 0:18 left");
    // A slowdown shows within the window: the samples from the fast start age out.
    now = 12_000;
    rate.describe(20 * MB, 100 * MB);
    now = 14_000;
    expect(rate.describe(22 * MB, 100 * MB)).toBe("22.0 MB of 100.0 MB uploaded · 1.0 MB/s · 1:18 left");
  });
});
