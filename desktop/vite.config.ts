import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// The console is served by `soma up` under /console/ through Envoy. `npm run dev` serves it from Vite with the
// same paths and proxies everything else the console calls to Envoy (SOMA_CONSOLE_PROXY, default the local mesh),
// so the browser still sees one origin.
const envoy = process.env.SOMA_CONSOLE_PROXY ?? "http://127.0.0.1:8080";
const proxied = { target: envoy, changeOrigin: false };

export default defineConfig({
  base: "/console/",
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    host: "127.0.0.1",
    proxy: { "/v1": proxied, "/metrics": proxied, "/console/dev-token": proxied },
  },
});
