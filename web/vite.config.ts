import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API's first path segments: `npm run dev` forwards them to a running local platform
// (LECTERN_API, default http://127.0.0.1:8080), so the
// app and the API share one origin in development as they do when the platform or CloudFront serve
// the built files. The app's own pages never start with one of these (see src/routes.tsx).
const API = process.env.LECTERN_API ?? "http://127.0.0.1:8080";
const apiPrefixes = ["/courses", "/creators", "/me", "/admin", "/orders", "/auth", "/events", "/health",
  "/webhooks", "/.well-known", "/openapi.json", "/docs", "/_local", "^/checkout$"];

export default defineConfig({
  plugins: [react()],
  build: {
    // the Maven module packs this folder into lectern-web.jar; the CDK app deploys it
    outDir: "target/classes/web",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPrefixes.map((prefix) => [prefix, { target: API, changeOrigin: false }])),
  },
});
