import { type FieldError, fieldError } from "../messages/field-error.js";
import type { LocalizedText } from "../messages/locale.js";
import { checkText } from "../validation/checks.js";
import { checkEmailField, checkPhoneField } from "../validation/contact-fields.js";
import { isGiven, type ValidationMode, type ValidationResult } from "../validation/patch.js";

// Staff users (requesters, coordinators, analysts, administrators) and the roles a tenant administrator grants them.
// A person is identified by the subject (`sub`) their identity provider puts in tokens; roles are only ever read from
// the grants kept here, never from a token's claims.

export const STAFF_ROLES = ["TENANT_ADMIN", "COORDINATOR", "REQUESTER", "ANALYST"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_LIMITS = { subjectLength: 255, nameLength: 100, emailLength: 254 } as const;

export const STAFF_LABELS = {
  subject: { sv: "Användar-id hos identitetsleverantören", en: "Subject at the identity provider" },
  name: { sv: "Namn", en: "Name" },
  email: { sv: "E-postadress", en: "E-mail address" },
  phone: { sv: "Telefonnummer", en: "Phone number" },
  unitId: { sv: "Verksamhet", en: "Unit" },
  role: { sv: "Roll", en: "Role" },
  networkId: { sv: "Nätverk", en: "Network" },
} as const satisfies Record<string, LocalizedText>;

const L = STAFF_LABELS;

export interface StaffUserFields {
  readonly subject: string;
  readonly name: string;
  readonly email: string;
  /** E.164. */
  readonly phone: string | null;
}

export interface StaffUserFieldsInput {
  readonly subject?: string | null;
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

export function validateStaffUserFields(input: StaffUserFieldsInput, mode: "create", path?: string): ValidationResult<StaffUserFields>;
export function validateStaffUserFields(
  input: StaffUserFieldsInput,
  mode: "update",
  path?: string,
): ValidationResult<Partial<StaffUserFields>>;
export function validateStaffUserFields(
  input: StaffUserFieldsInput,
  mode: ValidationMode,
  path = "input",
): ValidationResult<Partial<StaffUserFields>> {
  const errors: FieldError[] = [];
  const value: { -readonly [K in keyof StaffUserFields]?: StaffUserFields[K] } = {};
  if (isGiven(mode, input.subject)) {
    // Compared byte for byte with the token's `sub`, so it is kept exactly as given, only trimmed.
    const subject = typeof input.subject === "string" ? input.subject.trim() : "";
    if (subject === "") errors.push(fieldError(`${path}.subject`, "REQUIRED", L.subject));
    else if (subject.length > STAFF_LIMITS.subjectLength) {
      errors.push(fieldError(`${path}.subject`, "TOO_LONG", L.subject, { max: STAFF_LIMITS.subjectLength }));
    } else if (/\s/u.test(subject)) errors.push(fieldError(`${path}.subject`, "INVALID_FORMAT", L.subject));
    else value.subject = subject;
  }
  if (isGiven(mode, input.name)) {
    const name = checkText(errors, `${path}.name`, L.name, input.name, { required: true, maxLength: STAFF_LIMITS.nameLength });
    if (name !== null) value.name = name;
  }
  if (isGiven(mode, input.email)) {
    const email = checkEmailField(errors, `${path}.email`, L.email, input.email, { required: true });
    if (email !== null) value.email = email;
  }
  if (isGiven(mode, input.phone)) value.phone = checkPhoneField(errors, `${path}.phone`, L.phone, input.phone, { required: false });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

export interface RoleGrantRequest {
  readonly role: StaffRole;
  /** Null: the whole tenant. */
  readonly networkId: string | null;
  /** The unit a requester acts for; when left out, the staff user's own unit. */
  readonly unitId: string | null;
  readonly staffUnitId: string | null;
}

/**
 * What a grant may cover. Administration is tenant-wide or nothing (a per-network administrator is never honoured);
 * a requester acts for a unit — the one named, or their own — because requests and fee attestation belong to a unit;
 * no other role is tied to a unit.
 */
export function checkRoleGrant(request: RoleGrantRequest, path = "input"): ValidationResult<{ readonly unitId: string | null }> {
  const errors: FieldError[] = [];
  if (request.role === "TENANT_ADMIN" && request.networkId !== null) {
    errors.push(
      fieldError(`${path}.networkId`, "NOT_ALLOWED", L.networkId, {
        hint: { sv: "Administratörer har alltid hela regionen.", en: "Administrators always cover the whole tenant." },
      }),
    );
  }
  if (request.role !== "REQUESTER") {
    if (request.unitId !== null) {
      errors.push(
        fieldError(`${path}.unitId`, "NOT_ALLOWED", L.unitId, {
          hint: { sv: "Bara beställare knyts till en verksamhet.", en: "Only requesters are tied to a unit." },
        }),
      );
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { unitId: null } };
  }
  const unitId = request.unitId ?? request.staffUnitId;
  if (unitId === null) {
    errors.push(
      fieldError(`${path}.unitId`, "REQUIRED", L.unitId, {
        hint: {
          sv: "En beställare gör förfrågningar för en verksamhet. Ange verksamheten, eller koppla personen till en verksamhet först.",
          en: "A requester sends requests for a unit. Name the unit, or give the person a unit first.",
        },
      }),
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { unitId } };
}

/** An active, tenant-wide TENANT_ADMIN grant of a staff user who is not disabled. */
export interface TenantAdminGrant {
  readonly grantId: string;
  readonly staffUserId: string;
}

export type AdminChange =
  | { readonly kind: "REVOKE_GRANT"; readonly grantId: string }
  | { readonly kind: "DISABLE_STAFF_USER"; readonly staffUserId: string };

/**
 * True when a change would leave the tenant without anybody who can administer it — nobody could then grant roles
 * again without the platform operator. Counts people, not grants.
 */
export function leavesNoTenantAdmin(admins: readonly TenantAdminGrant[], change: AdminChange): boolean {
  const before = new Set(admins.map((admin) => admin.staffUserId));
  if (before.size === 0) return false; // Nothing to protect (a tenant being set up by the platform operator).
  const remaining = admins.filter((admin) =>
    change.kind === "REVOKE_GRANT" ? admin.grantId !== change.grantId : admin.staffUserId !== change.staffUserId,
  );
  return new Set(remaining.map((admin) => admin.staffUserId)).size === 0;
}
