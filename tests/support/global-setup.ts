// Migrates and seeds the test database templates once before any end-to-end file starts (@medverkan/api/testing),
// after making sure the typed documents (tests/generated) are up to date.
import prepareTemplates from "../../packages/api/src/testing/global-setup.js";
import { ensureTypedDocuments } from "./typed-documents.js";

export default async function setup(): Promise<void> {
  await ensureTypedDocuments();
  await prepareTemplates();
}
