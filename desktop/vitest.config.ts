import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [preact()],
  test: { include: ["tests/unit/**/*.test.{ts,tsx}"], environment: "jsdom" },
});
