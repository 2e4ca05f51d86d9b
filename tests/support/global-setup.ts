// Migrates and seeds the test database templates once before any end-to-end file starts (@medverkan/api/testing).
export { default } from "../../packages/api/src/testing/global-setup.js";
