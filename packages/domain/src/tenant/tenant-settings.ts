import { normaliseEmail } from "../contact-details/email-address.js";
import { FEE_CLAIM_ATTESTERS, type FeeClaimAttester } from "../fees/claims/claim-workflow.js";
import { validateReminderHoursBefore } from "../intake/appointment.js";
import { INVITATION_LIMITS } from "../invitation/invitation.js";
import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkInteger, checkOneOf, checkText } from "../validation/checks.js";

// What a platform operator gives when a new region joins: its name and slug, and the identity provider whose
// tokens it trusts. Checked here so a mistyped issuer or key set is refused at once, not discovered when every
// sign-in fails.

export interface TenantSettingsInput {
  readonly slug?: string | null;
  readonly name?: string | null;
  readonly locale?: string | null;
  readonly timeZone?: string | null;
  readonly currency?: string | null;
  readonly tokenIssuer?: string | null;
  readonly tokenAudience?: string | null;
  readonly jwksUrl?: string | null;
  /** A JSON Web Key Set as JSON text, for providers without a JWKS endpoint. */
  readonly publicKeys?: string | null;
  readonly firstAdmin?: { readonly subject?: string | null; readonly name?: string | null; readonly email?: string | null } | null;
}

export interface TenantSettings {
  readonly slug: string;
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string;
  readonly currency: string;
  readonly tokenIssuer: string;
  readonly tokenAudience: string;
  readonly jwksUrl: string | null;
  readonly publicKeys: { keys: Record<string, unknown>[] } | null;
  readonly firstAdmin: { readonly subject: string; readonly name: string; readonly email: string };
}

export type TenantSettingsResult =
  | { readonly ok: true; readonly settings: TenantSettings }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

const L = {
  slug: { sv: "Kortnamn", en: "Slug" },
  name: { sv: "Namn", en: "Name" },
  locale: { sv: "Språk", en: "Locale" },
  timeZone: { sv: "Tidszon", en: "Time zone" },
  currency: { sv: "Valuta", en: "Currency" },
  tokenIssuer: { sv: "Tokenutfärdare (iss)", en: "Token issuer (iss)" },
  tokenAudience: { sv: "Tokenmottagare (aud)", en: "Token audience (aud)" },
  jwksUrl: { sv: "Adress till nyckeluppsättning (JWKS)", en: "Key set URL (JWKS)" },
  publicKeys: { sv: "Publika nycklar (JWKS)", en: "Public keys (JWKS)" },
  keys: { sv: "Nycklar", en: "Keys" },
  subject: { sv: "Administratörens användar-id (sub)", en: "Administrator's subject (sub)" },
  adminName: { sv: "Administratörens namn", en: "Administrator's name" },
  adminEmail: { sv: "Administratörens e-post", en: "Administrator's e-mail" },
} as const satisfies Record<string, LocalizedText>;

export const TENANT_SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
const SUPPORTED_LOCALES = ["sv-SE", "en-GB"];
/** Only asymmetric keys: a shared secret in a key set would let anyone holding it mint tokens (HS/RS confusion). */
const ASYMMETRIC_KEY_TYPES = new Set(["RSA", "EC", "OKP"]);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}

export function validateTenantSettings(input: TenantSettingsInput, path = "input"): TenantSettingsResult {
  const errors: FieldError[] = [];
  const at = (name: string) => `${path}.${name}`;

  const slug = checkText(errors, at("slug"), L.slug, input.slug, { required: true, maxLength: 40 });
  if (slug !== null && !TENANT_SLUG_PATTERN.test(slug)) {
    errors.push(
      fieldError(at("slug"), "INVALID_FORMAT", L.slug, {
        hint: {
          sv: 'Små bokstäver a–z, siffror och bindestreck, t.ex. "sormland".',
          en: 'Lower-case a–z, digits and hyphens, e.g. "sormland".',
        },
      }),
    );
  }
  const name = checkText(errors, at("name"), L.name, input.name, { required: true, maxLength: 200 });

  const locale = input.locale ?? "sv-SE";
  if (!SUPPORTED_LOCALES.includes(locale)) errors.push(fieldError(at("locale"), "NOT_ALLOWED", L.locale));
  const timeZone = input.timeZone ?? "Europe/Stockholm";
  if (!isTimeZone(timeZone)) errors.push(fieldError(at("timeZone"), "INVALID_FORMAT", L.timeZone));
  const currency = input.currency ?? "SEK";
  if (!/^[A-Z]{3}$/.test(currency)) errors.push(fieldError(at("currency"), "INVALID_FORMAT", L.currency));

  const tokenIssuer = checkText(errors, at("tokenIssuer"), L.tokenIssuer, input.tokenIssuer, { required: true, maxLength: 500 });
  const tokenAudience = checkText(errors, at("tokenAudience"), L.tokenAudience, input.tokenAudience, { required: true, maxLength: 500 });

  const jwksUrl = checkText(errors, at("jwksUrl"), L.jwksUrl, input.jwksUrl, { required: false, maxLength: 2000 });
  if (jwksUrl !== null && !isHttpsUrl(jwksUrl)) errors.push(fieldError(at("jwksUrl"), "INVALID_FORMAT", L.jwksUrl));
  const publicKeys = parseKeySet(errors, at("publicKeys"), input.publicKeys);
  if (jwksUrl === null && publicKeys === null && !errors.some((error) => error.field === at("publicKeys"))) {
    errors.push(
      fieldError(at("jwksUrl"), "REQUIRED", L.jwksUrl, {
        hint: { sv: "Ange en JWKS-adress eller publika nycklar.", en: "Give a JWKS URL or public keys." },
      }),
    );
  }

  const admin = input.firstAdmin ?? {};
  const subject = checkText(errors, at("firstAdmin.subject"), L.subject, admin.subject, { required: true, maxLength: 255 });
  const adminName = checkText(errors, at("firstAdmin.name"), L.adminName, admin.name, { required: true, maxLength: 200 });
  const adminEmailText = checkText(errors, at("firstAdmin.email"), L.adminEmail, admin.email, { required: true, maxLength: 254 });
  const adminEmail = adminEmailText === null ? null : normaliseEmail(adminEmailText);
  if (adminEmailText !== null && adminEmail === null) errors.push(fieldError(at("firstAdmin.email"), "INVALID_EMAIL", L.adminEmail));

  if (errors.length > 0 || !slug || !name || !tokenIssuer || !tokenAudience || !subject || !adminName || !adminEmail) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    settings: {
      slug,
      name,
      locale,
      timeZone,
      currency,
      tokenIssuer,
      tokenAudience,
      jwksUrl,
      publicKeys,
      firstAdmin: { subject, name: adminName, email: adminEmail },
    },
  };
}

export function parseKeySet(
  errors: FieldError[],
  field: string,
  text: string | null | undefined,
): { keys: Record<string, unknown>[] } | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    errors.push(fieldError(field, "INVALID_FORMAT", L.publicKeys));
    return null;
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    errors.push(fieldError(field, "TOO_FEW", L.keys, { min: 1 }));
    return null;
  }
  for (const key of keys) {
    const jwk = key as Record<string, unknown>;
    if (typeof jwk !== "object" || jwk === null || !ASYMMETRIC_KEY_TYPES.has(String(jwk.kty))) {
      errors.push(
        fieldError(field, "NOT_ALLOWED", L.keys, {
          hint: { sv: "Endast publika RSA-, EC- eller OKP-nycklar.", en: "Only public RSA, EC or OKP keys." },
        }),
      );
      return null;
    }
    if ("d" in jwk) {
      errors.push(
        fieldError(field, "NOT_ALLOWED", L.keys, {
          hint: { sv: "Nyckeln innehåller en privat del.", en: "The key contains a private part." },
        }),
      );
      return null;
    }
  }
  return { keys: keys as Record<string, unknown>[] };
}

// ─── The tenant admin's own settings ───────────────────────────────────────────────────────────────────────────

/** What a tenant admin may change about the own tenant. Left out (undefined): keeps its value. */
export interface TenantOwnSettingsInput {
  readonly name?: string | null;
  readonly invitationExpiryDays?: number | null;
  readonly smallCellThreshold?: number | null;
  /** Null: members are kept until they withdraw. */
  readonly memberRetentionMonths?: number | null;
  readonly feeClaimAttester?: string | null;
  /** Whether the region records members' personal identity numbers at all (payroll, e-identification linking). */
  readonly collectsPersonalIdentityNumbers?: boolean | null;
  /** Whether fees are paid to a bank account the member registers (the invitation then asks first-timers for one). */
  readonly paysByBankAccount?: boolean | null;
  /** Hours before an intake appointment its reminder goes out (1–168); null: the day before. */
  readonly intakeReminderHoursBefore?: number | null;
  /** Whether a unit may record, in a direct booking, a participant who is not in the pool (VGR: recruits through
   * patient and user organisations as well as its own pool). */
  readonly allowsParticipantsOutsidePool?: boolean | null;
}

export interface TenantOwnSettingsPatch {
  name?: string;
  invitationExpiryDays?: number;
  smallCellThreshold?: number;
  memberRetentionMonths?: number | null;
  feeClaimAttester?: FeeClaimAttester;
  collectsPersonalIdentityNumbers?: boolean;
  paysByBankAccount?: boolean;
  intakeReminderHoursBefore?: number | null;
  allowsParticipantsOutsidePool?: boolean;
}

export type TenantOwnSettingsResult =
  | { readonly ok: true; readonly patch: TenantOwnSettingsPatch }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** The answer time the invitation rules accept. */
const INVITATION_EXPIRY_DAYS = { min: INVITATION_LIMITS.minExpiryDays, max: INVITATION_LIMITS.maxExpiryDays } as const;
/**
 * Statistics cells below the threshold are suppressed. Never below 3: smaller cells let a reader single out a
 * person from published figures; above 50 almost every regional table would be empty.
 */
export const SMALL_CELL_THRESHOLD = { min: 3, max: 50 } as const;
/** Retention of inactive members: at least a year (an assignment cycle), at most twenty years. */
export const MEMBER_RETENTION_MONTHS = { min: 12, max: 240 } as const;

const OWN = {
  name: { sv: "Namn", en: "Name" },
  invitationExpiryDays: { sv: "Svarstid för inbjudningar (dagar)", en: "Invitation answer time (days)" },
  smallCellThreshold: { sv: "Gräns för små celler i statistiken", en: "Small-cell threshold in statistics" },
  memberRetentionMonths: { sv: "Gallring av inaktiva medverkande (månader)", en: "Retention of inactive members (months)" },
  feeClaimAttester: { sv: "Vem som attesterar arvoden", en: "Who attests fee claims" },
  collectsPersonalIdentityNumbers: { sv: "Personnummer registreras", en: "Personal identity numbers are recorded" },
  paysByBankAccount: { sv: "Arvoden betalas till registrerat bankkonto", en: "Fees are paid to a registered bank account" },
  allowsParticipantsOutsidePool: {
    sv: "Enheter får registrera medverkande utanför poolen",
    en: "Units may record participants outside the pool",
  },
} as const satisfies Record<string, LocalizedText>;

/**
 * Checks a tenant admin's change to the own tenant's settings; every problem is reported at once and nothing is
 * patched unless all of them pass. Null for a setting that must have a value is refused rather than read as "keep".
 */
export function validateTenantOwnSettings(input: TenantOwnSettingsInput, path = "input"): TenantOwnSettingsResult {
  const errors: FieldError[] = [];
  const at = (name: string) => `${path}.${name}`;
  const patch: TenantOwnSettingsPatch = {};

  if (input.name !== undefined) {
    const name = checkText(errors, at("name"), OWN.name, input.name, { required: true, maxLength: 200 });
    if (name !== null) patch.name = name;
  }
  if (input.invitationExpiryDays !== undefined) {
    const days = input.invitationExpiryDays;
    if (checkInteger(errors, at("invitationExpiryDays"), OWN.invitationExpiryDays, days, INVITATION_EXPIRY_DAYS)) {
      patch.invitationExpiryDays = days;
    }
  }
  if (input.smallCellThreshold !== undefined) {
    const threshold = input.smallCellThreshold;
    if (checkInteger(errors, at("smallCellThreshold"), OWN.smallCellThreshold, threshold, SMALL_CELL_THRESHOLD)) {
      patch.smallCellThreshold = threshold;
    }
  }
  if (input.memberRetentionMonths === null) patch.memberRetentionMonths = null;
  else if (input.memberRetentionMonths !== undefined) {
    const months = input.memberRetentionMonths;
    if (checkInteger(errors, at("memberRetentionMonths"), OWN.memberRetentionMonths, months, MEMBER_RETENTION_MONTHS)) {
      patch.memberRetentionMonths = months;
    }
  }
  if (input.feeClaimAttester !== undefined) {
    const attester = input.feeClaimAttester;
    if (checkOneOf(errors, at("feeClaimAttester"), OWN.feeClaimAttester, attester, FEE_CLAIM_ATTESTERS)) patch.feeClaimAttester = attester;
  }
  if (input.collectsPersonalIdentityNumbers === null) {
    errors.push(fieldError(at("collectsPersonalIdentityNumbers"), "REQUIRED", OWN.collectsPersonalIdentityNumbers));
  } else if (input.collectsPersonalIdentityNumbers !== undefined) {
    patch.collectsPersonalIdentityNumbers = input.collectsPersonalIdentityNumbers;
  }
  if (input.paysByBankAccount === null) {
    errors.push(fieldError(at("paysByBankAccount"), "REQUIRED", OWN.paysByBankAccount));
  } else if (input.paysByBankAccount !== undefined) {
    patch.paysByBankAccount = input.paysByBankAccount;
  }
  if (input.allowsParticipantsOutsidePool === null) {
    errors.push(fieldError(at("allowsParticipantsOutsidePool"), "REQUIRED", OWN.allowsParticipantsOutsidePool));
  } else if (input.allowsParticipantsOutsidePool !== undefined) {
    patch.allowsParticipantsOutsidePool = input.allowsParticipantsOutsidePool;
  }
  if (input.intakeReminderHoursBefore !== undefined) {
    const hours = input.intakeReminderHoursBefore;
    const problems = validateReminderHoursBefore(hours, at("intakeReminderHoursBefore"));
    if (problems.length > 0) errors.push(...problems);
    else patch.intakeReminderHoursBefore = hours;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, patch };
}
