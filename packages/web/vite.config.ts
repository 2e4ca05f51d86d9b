import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API serves `dist/` at the root of its own origin (packages/api/src/server/web-app.routes.ts), so the app and
// `/graphql` share one origin: no CORS, and the identity provider's redirect comes back to the same host.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", sourcemap: false, reportCompressedSize: false },
  server: { port: 4200, proxy: { "/graphql": "http://127.0.0.1:4000", "/idp": "http://127.0.0.1:4000" } },
});
