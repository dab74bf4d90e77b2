import { registerHooks } from "node:module";

/**
 * madge parses TypeScript with typescript-estree, which needs the compiler's JavaScript API;
 * TypeScript 7 (our `typescript`) is a native binary without one. Loaded with `--import` into
 * the madge process only, this points that process's `typescript` at the 5.x alias.
 */
registerHooks({
  resolve: (specifier, context, nextResolve) =>
    nextResolve(specifier === "typescript" ? "typescript-5" : specifier, context),
});
