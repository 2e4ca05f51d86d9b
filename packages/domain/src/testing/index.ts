// Helpers for tests of the domain's rules, shared by the domain's unit tests and the end-to-end tests. Not part of the
// runtime API (`@medverkan/domain/testing`).
export { solvable, spanOf } from "./linear-span.js";
