import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../config.js";
import { printApiSchema } from "../schema/build-schema.js";

const file = join(projectRoot(), "schema", "schema.graphql");
writeFileSync(file, await printApiSchema());
console.log(`Wrote ${file}`);
