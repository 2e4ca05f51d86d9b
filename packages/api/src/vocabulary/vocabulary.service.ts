import { ENUM_LABELS, type Locale } from "@medverkan/domain";
import { type GraphQLSchema, isEnumType } from "graphql";
import type { VocabularyEntry } from "./vocabulary.type.js";

/**
 * Every value of every enum in the schema with its labels from `@medverkan/domain` (ENUM_LABELS). Read from the
 * schema itself, so a new enum or value shows at once — with its code as label until the domain names it (a test
 * fails on that first).
 */
export function listVocabulary(schema: GraphQLSchema, locale: Locale, enums: readonly string[] | null | undefined): VocabularyEntry[] {
  const wanted = enums && enums.length > 0 ? new Set(enums) : null;
  const entries: VocabularyEntry[] = [];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isEnumType(type) || type.name.startsWith("__") || (wanted && !wanted.has(type.name))) continue;
    for (const value of type.getValues()) {
      const label = ENUM_LABELS[type.name]?.[value.name] ?? { sv: value.name, en: value.name };
      entries.push({ enum: type.name, value: value.name, label: label[locale], labelSv: label.sv, labelEn: label.en });
    }
  }
  return entries;
}
