import type { FieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { foldForComparison } from "../text/normalise.js";
import { checkText } from "../validation/checks.js";

// Names an administrator gives configuration (a fee schedule, an intake rule set, a request form) so that
// networks can be pointed at the right one. Two live ones with the same name could not be told apart in a list.

export const CONFIGURATION_NAME_LENGTH = 100;
export const SOURCE_DOCUMENT_LENGTH = 500;

const NAME = { sv: "Namn", en: "Name" } as const satisfies LocalizedText;
const SOURCE_DOCUMENT = { sv: "Källa (styrande dokument)", en: "Source document" } as const satisfies LocalizedText;

/** The name as it will be stored (one line, trimmed), or null with the reason appended to `errors`. */
export function checkConfigurationName(errors: FieldError[], value: string | null | undefined, field: string): string | null {
  return checkText(errors, field, NAME, value, { required: true, maxLength: CONFIGURATION_NAME_LENGTH });
}

/** The governing document a configuration comes from ("Arvodering …, RJL 2017-08-23"); optional. */
export function checkSourceDocument(errors: FieldError[], value: string | null | undefined, field: string): string | null {
  return checkText(errors, field, SOURCE_DOCUMENT, value, { required: false, maxLength: SOURCE_DOCUMENT_LENGTH });
}

/** Whether two names would look the same in a list: case, accents and punctuation do not tell them apart. */
export function isSameConfigurationName(a: string, b: string): boolean {
  return foldForComparison(a) === foldForComparison(b);
}
