// Vitest of the @soma/proto REST client against a real mesh (tests/contract/test_ts_codegen.py starts one).
// `@soma/proto` is a `file:` link to gen/ts, as in a consumer; `dedupe` resolves the package's own imports of
// @bufbuild/protobuf from here, since gen/ holds no node_modules.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { dedupe: ["@bufbuild/protobuf"] },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
