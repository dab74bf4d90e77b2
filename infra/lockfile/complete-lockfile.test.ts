import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../local/config.ts";
import { missingPlatformEntries, platformOf } from "./complete-lockfile.ts";

describe("lockfile completeness", () => {
  it("package-lock.json records every optional platform package, so npm ci accepts it", () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, "package-lock.json"), "utf8"));
    expect(
      missingPlatformEntries(lock).map(([path]) => path),
      "run npm run lockfile:complete",
    ).toEqual([]);
  });

  it("reads platforms from binary package names", () => {
    expect(platformOf("@biomejs/cli-linux-x64-musl")).toEqual({ os: ["linux"], cpu: ["x64"], libc: ["musl"] });
    expect(platformOf("@cloudflare/workerd-windows-64")).toEqual({ os: ["win32"], cpu: ["x64"] });
    expect(platformOf("@cloudflare/workerd-darwin-arm64")).toEqual({ os: ["darwin"], cpu: ["arm64"] });
    expect(platformOf("left-pad")).toBeNull();
  });

  it("adds an entry beside the package that wants it", () => {
    const lock = {
      packages: {
        "node_modules/tool": {
          version: "1.0.0",
          optionalDependencies: { "tool-linux-x64": "1.0.0", "tool-darwin-arm64": "1.0.0" },
        },
        "node_modules/tool-linux-x64": { version: "1.0.0" },
      },
    };
    expect(missingPlatformEntries(lock)).toEqual([
      ["node_modules/tool-darwin-arm64", { version: "1.0.0", os: ["darwin"], cpu: ["arm64"], optional: true }],
    ]);
  });
});
