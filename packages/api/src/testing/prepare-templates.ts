// Builds today's prepared test databases unless they exist (test-template.ts); run by global-setup.ts in a process
// of its own, from the TypeScript sources, so the templates are made by exactly the code the tests hash and run.
import { prepareTestTemplates } from "./test-template.js";

const started = Date.now();
const { built, key, backend } = await prepareTestTemplates();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`test templates ${key} (${backend}): ${built ? `built in ${seconds} s` : `ready (${seconds} s)`}`);
