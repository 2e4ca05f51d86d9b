import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkOneOf, checkText } from "../validation/checks.js";
import { checkEmailField } from "../validation/contact-fields.js";
import { isGiven, type ValidationMode, type ValidationResult } from "../validation/patch.js";
import { checkSlug } from "../validation/slug.js";
import { CARE_DOMAINS, type CareDomain } from "../vocabulary/vocabulary.js";

// A network (Levande bibliotek, Peer, Intressebanken) as a tenant administrator configures it. Which intake rules,
// request form and fee schedule apply are references checked against the tenant's data by the caller.

export interface NetworkFields {
  /** Stable short name in the front ends' URLs, e.g. `levande-bibliotek`; unique within the tenant. */
  readonly slug: string;
  readonly name: string;
  readonly description: string | null;
  readonly careDomain: CareDomain;
  /** The network's functional mailbox, where members and units write. */
  readonly contactEmail: string;
}

export interface NetworkFieldsInput {
  readonly slug?: string | null;
  readonly name?: string | null;
  readonly description?: string | null;
  readonly careDomain?: string | null;
  readonly contactEmail?: string | null;
}

export const NETWORK_LIMITS = { slugLength: 50, nameLength: 100, descriptionLength: 2000 } as const;

export const NETWORK_LABELS = {
  slug: { sv: "Kortnamn (slug)", en: "Slug" },
  name: { sv: "Namn", en: "Name" },
  description: { sv: "Beskrivning", en: "Description" },
  careDomain: { sv: "Vårdområde", en: "Care domain" },
  contactEmail: { sv: "Kontaktadress", en: "Contact address" },
  intakeRuleSetId: { sv: "Regler för intag", en: "Intake rules" },
  requestFormId: { sv: "Formulär för uppdragsförfrågan", en: "Request form" },
  feeScheduleId: { sv: "Arvodesregler", en: "Fee schedule" },
} as const satisfies Record<string, LocalizedText>;

export function validateNetworkFields(input: NetworkFieldsInput, mode: "create", path?: string): ValidationResult<NetworkFields>;
export function validateNetworkFields(input: NetworkFieldsInput, mode: "update", path?: string): ValidationResult<Partial<NetworkFields>>;
export function validateNetworkFields(
  input: NetworkFieldsInput,
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<NetworkFields>> {
  const errors: FieldError[] = [];
  const value: { -readonly [K in keyof NetworkFields]?: NetworkFields[K] } = {};
  const L = NETWORK_LABELS;

  if (isGiven(mode, input.slug)) {
    const slug = checkSlug(errors, `${path}.slug`, L.slug, input.slug, { required: true, maxLength: NETWORK_LIMITS.slugLength });
    if (slug !== null) value.slug = slug;
  }
  if (isGiven(mode, input.name)) {
    const name = checkText(errors, `${path}.name`, L.name, input.name, { required: true, maxLength: NETWORK_LIMITS.nameLength });
    if (name !== null) value.name = name;
  }
  if (isGiven(mode, input.description)) {
    value.description = checkText(errors, `${path}.description`, L.description, input.description, {
      required: false,
      maxLength: NETWORK_LIMITS.descriptionLength,
      multiline: true,
    });
  }
  if (isGiven(mode, input.careDomain) && checkOneOf(errors, `${path}.careDomain`, L.careDomain, input.careDomain, CARE_DOMAINS)) {
    value.careDomain = input.careDomain;
  }
  if (isGiven(mode, input.contactEmail)) {
    const email = checkEmailField(errors, `${path}.contactEmail`, L.contactEmail, input.contactEmail, { required: true });
    if (email !== null) value.contactEmail = email;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * A network names the intake rules, request form or fee schedule it uses, or null for the tenant's default. A named
 * one must be the tenant's own and still in use; the caller looks it up and passes what it found.
 */
export function checkConfigurationReference(
  errors: FieldError[],
  field: string,
  label: LocalizedText,
  found: { readonly retired: boolean } | null,
): void {
  if (found === null) errors.push(fieldError(field, "UNKNOWN_REFERENCE", label));
  else if (found.retired) {
    errors.push(
      fieldError(field, "NOT_ALLOWED", label, {
        hint: {
          sv: "Den är avslutad. Välj en som används, eller inget för regionens standard.",
          en: "It has been retired. Choose one in use, or none for the tenant's default.",
        },
      }),
    );
  }
}
