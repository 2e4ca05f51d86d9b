import {
  type FieldError,
  fieldError,
  isMandateCurrent,
  isoDateInTimeZone,
  isRepresentableOrganisationKind,
  REPRESENTATION_LABELS,
  type RepresentationDecision,
  type RepresentationTerms,
  type RepresentationTermsInput,
  representationsShownToUnit,
  representationTransition,
  validatePatientOrganisationName,
  validateRepresentationTerms,
} from "@medverkan/domain";
import { coordinatedNetworks, hasRole } from "../auth/actor.js";
import { badUserInput, conflict, forbidden } from "../common/errors/api-error.js";
import type { ErrorCode } from "../common/errors/error-code.js";
import { errorResult } from "../common/errors/error-result.js";
import { type NotFound, notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { nameTaken } from "../organisation/organisation.payload.js";
import { lockUniqueKey } from "../organisation/organisation.repository.js";
import { requireMember, requireStaff } from "../request/request-access.js";
import {
  findAssignmentTypesByIds,
  findAssignmentTypesByKeys,
  findConfirmedRepresentationsOfMembers,
  findMemberForCoordinator,
  findMemberState,
  findNetworksByIds,
  findOpenRepresentation,
  findOrganisationForRepresentation,
  findPatientOrganisationByName,
  findRepresentation,
  findRepresentationsOfMembers,
  findRequestScopes,
  findTenantTimeZone,
  insertPatientOrganisation,
  insertRepresentation,
  isOrganisationNameUsed,
  listPatientOrganisations,
  type RepresentationRow,
  retirePatientOrganisation,
  updateRepresentationIfVersion,
} from "./representation.repository.js";
import {
  type AddPatientOrganisationInput,
  type DecideRepresentationInput,
  type EndRepresentationInput,
  type OrganisationRepresentation,
  type PatientOrganisation,
  type PatientOrganisationPayload,
  type ProposeMyRepresentationInput,
  type RecordRepresentationInput,
  RepresentationNotAllowed,
  type RepresentationPayload,
  type RepresentationStatus,
  type RepresentedOrganisation,
  type RetirePatientOrganisationInput,
} from "./representation.type.js";

// Organisation representatives (issue 21 item 4, VGR). The tenant's patient and user organisations are kept by its
// administrators and coordinators; a member's mandate to represent one is recorded by a coordinator of the member's
// networks, or proposed by the member and confirmed by such a coordinator. Every write is audited against the member.
// The unit sees a current, confirmed mandate only beside a released contact (invitation/contact-release.service).

const ORGANISATION = { sv: "Organisationen", en: "The organisation" };
const REPRESENTATION = { sv: "Representationen", en: "The representation" };
const MEMBER = { sv: "Medlemmen", en: "The member" };

const notAllowed = (code: ErrorCode, sv: string, en: string, ctx: RequestContext) =>
  errorResult(RepresentationNotAllowed, code, { sv, en }, ctx.locale);

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const asDate = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

async function tenantToday(tx: Tx, tenantId: string): Promise<string> {
  return isoDateInTimeZone(new Date(), (await findTenantTimeZone(tx, tenantId))?.timeZone);
}

function toRepresentation(row: RepresentationRow, today: string, typeKeys: ReadonlyMap<string, string>): OrganisationRepresentation {
  const validFrom = isoDay(row.validFrom);
  const validTo = row.validTo ? isoDay(row.validTo) : null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    memberId: row.memberId,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    status: row.status as RepresentationStatus,
    validFrom,
    validTo,
    current: row.status === "CONFIRMED" && isMandateCurrent({ validFrom, validTo }, today),
    covers: row.covers,
    networkIds: row.networkIds,
    assignmentTypes: row.assignmentTypeIds.flatMap((id) => {
      const key = typeKeys.get(id);
      return key ? [key] : [];
    }),
    proposedBy: row.proposedBy === "MEMBER" ? "MEMBER" : "STAFF",
    decidedAt: row.decidedAt,
    createdAt: row.createdAt,
    version: row.version,
  };
}

async function present(tx: Tx, tenantId: string, rows: readonly RepresentationRow[]): Promise<OrganisationRepresentation[]> {
  const today = await tenantToday(tx, tenantId);
  const typeIds = [...new Set(rows.flatMap((row) => row.assignmentTypeIds))];
  const types = typeIds.length ? await findAssignmentTypesByIds(tx, tenantId, typeIds) : [];
  const keys = new Map(types.map((type) => [type.id, type.key]));
  return rows.map((row) => toRepresentation(row, today, keys));
}

// ─── Patient and user organisations ─────────────────────────────────────────────────────────────────────────────

const toPatientOrganisation = (row: { tenantId: string; id: string; name: string; retiredAt: Date | null }): PatientOrganisation => ({
  tenantId: row.tenantId,
  id: row.id,
  name: row.name,
  retiredAt: row.retiredAt,
});

/** The tenant's patient organisations: for its staff and members alike (a member picks the one they represent). */
export async function patientOrganisations(ctx: RequestContext, includeRetired: boolean): Promise<PatientOrganisation[]> {
  const actor = requireTenantActor(ctx);
  const rows = await ctx.scope(actor.tenantId).transaction((tx) => listPatientOrganisations(tx, actor.tenantId, includeRetired));
  return rows.map(toPatientOrganisation);
}

/** Tenant admins and coordinators keep the list. */
function requireKeeper(ctx: RequestContext) {
  const actor = requireStaff(ctx);
  if (!hasRole(actor, "TENANT_ADMIN") && !hasRole(actor, "COORDINATOR")) throw forbidden(ctx.locale);
  return actor;
}

export async function addPatientOrganisation(ctx: RequestContext, input: AddPatientOrganisationInput): Promise<PatientOrganisationPayload> {
  const actor = requireKeeper(ctx);
  const validation = validatePatientOrganisationName(input.name);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  const name = validation.value;
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<PatientOrganisationPayload> => {
    await lockUniqueKey(tx, tenantId, `organisation-name:${name}`);
    if (await isOrganisationNameUsed(tx, tenantId, name)) return { patientOrganisation: null, errors: [nameTaken(name, ctx.locale)] };
    const row = await insertPatientOrganisation(tx, tenantId, name);
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Organisation", subjectId: row.id, before: null, after: row });
    return { patientOrganisation: toPatientOrganisation(row), errors: [] };
  });
}

/** Retired: offered for no new representation; the mandates already recorded stay as they are. */
export async function retirePatientOrganisationFor(
  ctx: RequestContext,
  input: RetirePatientOrganisationInput,
): Promise<PatientOrganisationPayload> {
  const actor = requireKeeper(ctx);
  const missing = { patientOrganisation: null, errors: [notFound(ORGANISATION, ctx.locale)] };
  if (!isId(input.id)) return missing;
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<PatientOrganisationPayload> => {
    const before = await findOrganisationForRepresentation(tx, tenantId, input.id);
    // Only patient organisations are a coordinator's to keep: any other organisation answers as missing.
    if (!before || !isRepresentableOrganisationKind(before.kind)) return missing;
    if (before.retiredAt) return { patientOrganisation: toPatientOrganisation(before), errors: [] };
    const after = await retirePatientOrganisation(tx, tenantId, before.id, new Date());
    await ctx.audit.recordChange(tx, tenantId, { subjectType: "Organisation", subjectId: after.id, before, after });
    return { patientOrganisation: toPatientOrganisation(after), errors: [] };
  });
}

// ─── Reading representations ──────────────────────────────────────────────────────────────────────────────────

/** `Member.representations`: the Member type's own guard decides who reads the member (themself, their coordinators). */
export async function representationsOfMember(ctx: RequestContext, member: { id: string; tenantId: string }) {
  return ctx
    .scope(member.tenantId)
    .transaction(async (tx) => present(tx, member.tenantId, await findRepresentationsOfMembers(tx, member.tenantId, [member.id])));
}

/** Mina sidor: the member's own representations, whatever their status. */
export async function myRepresentations(ctx: RequestContext): Promise<OrganisationRepresentation[]> {
  const actor = requireMember(ctx);
  return ctx
    .scope(actor.tenantId)
    .transaction(async (tx) => present(tx, actor.tenantId, await findRepresentationsOfMembers(tx, actor.tenantId, [actor.memberId])));
}

// ─── Writing representations ──────────────────────────────────────────────────────────────────────────────────

interface ResolvedTerms {
  validFrom: Date;
  validTo: Date | null;
  covers: string | null;
  networkIds: string[];
  assignmentTypeIds: string[];
}

/** Validates the terms (field errors thrown as BAD_USER_INPUT) and resolves the scope's networks and assignment types. */
async function resolveTerms(ctx: RequestContext, tx: Tx, tenantId: string, terms: RepresentationTerms): Promise<ResolvedTerms> {
  const errors: FieldError[] = [];
  const networkIds = terms.networkIds.filter(isId);
  const networks = networkIds.length ? await findNetworksByIds(tx, tenantId, networkIds) : [];
  if (networks.length !== terms.networkIds.length)
    errors.push(fieldError("input.networkIds", "UNKNOWN_REFERENCE", REPRESENTATION_LABELS.networkIds));
  const types = terms.assignmentTypes.length ? await findAssignmentTypesByKeys(tx, tenantId, terms.assignmentTypes) : [];
  if (types.length !== terms.assignmentTypes.length)
    errors.push(fieldError("input.assignmentTypes", "UNKNOWN_REFERENCE", REPRESENTATION_LABELS.assignmentTypes));
  if (errors.length > 0) throw badUserInput(errors, ctx.locale);
  return {
    validFrom: asDate(terms.validFrom),
    validTo: terms.validTo ? asDate(terms.validTo) : null,
    covers: terms.covers,
    networkIds: networks.map((n) => n.id),
    assignmentTypeIds: types.map((t) => t.id),
  };
}

function validTerms(ctx: RequestContext, input: RepresentationTermsInput): RepresentationTerms {
  const validation = validateRepresentationTerms(input);
  if (!validation.ok) throw badUserInput(validation.errors, ctx.locale);
  return validation.value;
}

/** The organisation named: another tenant's, or one that is not a patient organisation, answers as missing. */
async function representableOrganisation(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<{ error: NotFound | RepresentationNotAllowed } | { organisation: { id: string } }> {
  if (!isId(id)) return { error: notFound(ORGANISATION, ctx.locale) };
  const organisation = await findOrganisationForRepresentation(tx, tenantId, id);
  if (!organisation) return { error: notFound(ORGANISATION, ctx.locale) };
  if (!isRepresentableOrganisationKind(organisation.kind))
    return {
      error: notAllowed(
        "NOT_A_PATIENT_ORGANISATION",
        "Organisationen är inte en patient- eller brukarorganisation.",
        "The organisation is not a patient or user organisation.",
        ctx,
      ),
    };
  if (organisation.retiredAt)
    return {
      error: notAllowed(
        "ORGANISATION_RETIRED",
        "Organisationen är avslutad i regionen.",
        "The organisation has been retired by the region.",
        ctx,
      ),
    };
  return { organisation };
}

const alreadyRepresents = (ctx: RequestContext) =>
  notAllowed(
    "ALREADY_REPRESENTS",
    "Det finns redan ett gällande eller föreslaget mandat för den här organisationen.",
    "A running or proposed mandate for this organisation already exists.",
    ctx,
  );

/** Coordinators: record a member's mandate (CONFIRMED at once). */
export async function recordRepresentation(ctx: RequestContext, input: RecordRepresentationInput): Promise<RepresentationPayload> {
  const actor = requireStaff(ctx);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  const terms = validTerms(ctx, input);
  const tenantId = actor.tenantId;
  const missingMember = { representation: null, errors: [notFound(MEMBER, ctx.locale)] };
  if (!isId(input.memberId)) return missingMember;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RepresentationPayload> => {
    const member = await findMemberForCoordinator(tx, tenantId, input.memberId, networks);
    if (!member) return missingMember;
    if (member.restrictedAt) return { representation: null, errors: [memberNotAvailable(ctx)] };
    const found = await representableOrganisation(ctx, tx, tenantId, input.organisationId);
    if ("error" in found) return { representation: null, errors: [found.error] };
    const resolved = await resolveTerms(ctx, tx, tenantId, terms);
    await lockUniqueKey(tx, tenantId, `representation:${member.id}:${found.organisation.id}`);
    if (await findOpenRepresentation(tx, tenantId, member.id, found.organisation.id, asDate(await tenantToday(tx, tenantId))))
      return { representation: null, errors: [alreadyRepresents(ctx)] };
    const now = new Date();
    const row = await insertRepresentation(tx, {
      tenantId,
      memberId: member.id,
      organisationId: found.organisation.id,
      status: "CONFIRMED",
      ...resolved,
      proposedBy: "STAFF",
      proposedById: actor.staffUserId,
      decidedById: actor.staffUserId,
      decidedAt: now,
    });
    await audit(ctx, tx, tenantId, row, "organisation representation recorded by the coordinator", null);
    return { representation: (await present(tx, tenantId, [row]))[0] ?? null, errors: [] };
  });
}

/** Members: propose a mandate (PROPOSED) for a coordinator of their networks to confirm. */
export async function proposeMyRepresentation(ctx: RequestContext, input: ProposeMyRepresentationInput): Promise<RepresentationPayload> {
  const actor = requireMember(ctx);
  const terms = validTerms(ctx, input);
  const tenantId = actor.tenantId;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RepresentationPayload> => {
    const state = await findMemberState(tx, tenantId, actor.memberId);
    if (!state || state.erasedAt || state.restrictedAt) return { representation: null, errors: [memberNotAvailable(ctx)] };
    const found = await representableOrganisation(ctx, tx, tenantId, input.organisationId);
    if ("error" in found) return { representation: null, errors: [found.error] };
    const resolved = await resolveTerms(ctx, tx, tenantId, terms);
    await lockUniqueKey(tx, tenantId, `representation:${actor.memberId}:${found.organisation.id}`);
    if (await findOpenRepresentation(tx, tenantId, actor.memberId, found.organisation.id, asDate(await tenantToday(tx, tenantId))))
      return { representation: null, errors: [alreadyRepresents(ctx)] };
    const row = await insertRepresentation(tx, {
      tenantId,
      memberId: actor.memberId,
      organisationId: found.organisation.id,
      status: "PROPOSED",
      ...resolved,
      proposedBy: "MEMBER",
      proposedById: actor.memberId,
    });
    await audit(ctx, tx, tenantId, row, "organisation representation proposed by the member", null);
    return { representation: (await present(tx, tenantId, [row]))[0] ?? null, errors: [] };
  });
}

const memberNotAvailable = (ctx: RequestContext) =>
  notAllowed(
    "MEMBER_NOT_AVAILABLE",
    "Personens uppgifter får inte behandlas (begränsning eller radering).",
    "The person's data may not be processed (restriction or erasure).",
    ctx,
  );

async function audit(
  ctx: RequestContext,
  tx: Tx,
  tenantId: string,
  row: RepresentationRow,
  purpose: string,
  before: RepresentationRow | null,
): Promise<void> {
  await ctx.audit.recordChange(tx, tenantId, {
    subjectType: "OrganisationRepresentation",
    subjectId: row.id,
    memberId: row.memberId,
    purpose,
    before,
    after: row,
  });
}

/**
 * Coordinators: a decision on a representation of a member in their networks. Another network's member (or tenant)
 * answers as missing; a decision the status does not allow is ALREADY_DECIDED / NOT_CONFIRMED.
 */
async function decide(
  ctx: RequestContext,
  id: string,
  expectedVersion: number | null | undefined,
  decision: RepresentationDecision,
  change: (row: RepresentationRow, tx: Tx, tenantId: string) => Promise<Record<string, unknown>>,
): Promise<RepresentationPayload> {
  const actor = requireStaff(ctx);
  const networks = coordinatedNetworks(actor);
  if (networks !== "ALL" && networks.length === 0) throw forbidden(ctx.locale);
  const tenantId = actor.tenantId;
  const missing = { representation: null, errors: [notFound(REPRESENTATION, ctx.locale)] };
  if (!isId(id)) return missing;
  return ctx.scope(tenantId).transaction(async (tx): Promise<RepresentationPayload> => {
    const row = await findRepresentation(tx, tenantId, id);
    if (!row) return missing;
    const member = await findMemberForCoordinator(tx, tenantId, row.memberId, networks);
    if (!member) return missing;
    if (member.restrictedAt) return { representation: null, errors: [memberNotAvailable(ctx)] };
    const next = representationTransition(row.status, decision);
    if (next === null) {
      const code = row.status === "PROPOSED" ? "NOT_CONFIRMED" : "ALREADY_DECIDED";
      const messages =
        code === "NOT_CONFIRMED"
          ? { sv: "Mandatet är inte bekräftat än.", en: "The mandate has not been confirmed yet." }
          : { sv: "Det är redan avgjort.", en: "It has already been decided." };
      return {
        representation: (await present(tx, tenantId, [row]))[0] ?? null,
        errors: [notAllowed(code, messages.sv, messages.en, ctx)],
      };
    }
    if (expectedVersion != null && expectedVersion !== row.version) throw conflict(ctx.locale);
    const data = await change(row, tx, tenantId);
    const updated = await updateRepresentationIfVersion(tx, tenantId, row.id, row.version, {
      status: next,
      ...data,
      ...(decision === "CONFIRM" || decision === "REJECT" ? { decidedById: actor.staffUserId, decidedAt: new Date() } : {}),
    });
    if (!updated) throw conflict(ctx.locale);
    await audit(ctx, tx, tenantId, updated, `organisation representation: ${decision.toLowerCase()}`, row);
    return { representation: (await present(tx, tenantId, [updated]))[0] ?? null, errors: [] };
  });
}

const hasTerms = (input: RepresentationTermsInput) =>
  [input.validFrom, input.validTo, input.covers, input.networkIds, input.assignmentTypes].some((value) => value !== undefined);

/** The member's proposal, confirmed as it stands or with the terms the coordinator gives. */
export function confirmRepresentation(ctx: RequestContext, input: DecideRepresentationInput): Promise<RepresentationPayload> {
  return decide(ctx, input.id, input.expectedVersion, "CONFIRM", async (row, tx, tenantId) => {
    if (!hasTerms(input)) return {};
    const terms = validTerms(ctx, {
      validFrom: input.validFrom ?? isoDay(row.validFrom),
      validTo: input.validTo === undefined ? (row.validTo ? isoDay(row.validTo) : null) : input.validTo,
      covers: input.covers === undefined ? row.covers : input.covers,
      networkIds: input.networkIds ?? row.networkIds,
      assignmentTypes: input.assignmentTypes ?? (await findAssignmentTypesByIds(tx, tenantId, row.assignmentTypeIds)).map((t) => t.key),
    });
    return { ...(await resolveTerms(ctx, tx, tenantId, terms)) };
  });
}

export function rejectRepresentation(ctx: RequestContext, input: DecideRepresentationInput): Promise<RepresentationPayload> {
  return decide(ctx, input.id, input.expectedVersion, "REJECT", async () => ({}));
}

/** A confirmed mandate's last day: from the next day on it is not current, and no unit sees it. */
export function endRepresentation(ctx: RequestContext, input: EndRepresentationInput): Promise<RepresentationPayload> {
  return decide(ctx, input.id, input.expectedVersion, "END", async (row) => {
    const terms = validTerms(ctx, { validFrom: isoDay(row.validFrom), validTo: input.validTo ?? "" });
    if (terms.validTo === null) throw badUserInput([fieldError("input.validTo", "REQUIRED", REPRESENTATION_LABELS.validTo)], ctx.locale);
    return { validTo: asDate(terms.validTo) };
  });
}

/**
 * What the unit sees beside each released contact (issue 21 item 4): the confirmed mandates current today for the
 * request's network and assignment type (`representationsShownToUnit`). Called only with contacts already released
 * (`unitMaySeeParticipant`): never before consent, never after it is withdrawn or processing restricted.
 */
export async function representedOrganisationsForRelease(
  tx: Tx,
  tenantId: string,
  released: readonly { requestId: string; memberId: string }[],
): Promise<Map<string, RepresentedOrganisation[]>> {
  const shown = new Map<string, RepresentedOrganisation[]>();
  if (released.length === 0) return shown;
  const [requests, rows, today] = await Promise.all([
    findRequestScopes(tx, tenantId, [...new Set(released.map((r) => r.requestId))]),
    findConfirmedRepresentationsOfMembers(tx, tenantId, [...new Set(released.map((r) => r.memberId))]),
    tenantToday(tx, tenantId),
  ]);
  const scopes = new Map(requests.map((request) => [request.id, request]));
  for (const { requestId, memberId } of released) {
    const scope = scopes.get(requestId);
    if (!scope) continue;
    const candidates = rows
      .filter((row) => row.memberId === memberId)
      .map((row) => ({
        ...row,
        status: row.status as RepresentationStatus,
        validFrom: isoDay(row.validFrom),
        validTo: row.validTo ? isoDay(row.validTo) : null,
      }));
    shown.set(
      `${requestId}:${memberId}`,
      representationsShownToUnit(candidates, { today, networkId: scope.networkId, assignmentTypeId: scope.assignmentTypeId }).map(
        (row) => ({ organisationName: row.organisation.name, validFrom: row.validFrom, validTo: row.validTo, covers: row.covers }),
      ),
    );
  }
  return shown;
}

/**
 * Registration: the organisation a registrant says they represent (their own words, kept on the member) becomes a
 * PROPOSED representation when it names one of the tenant's patient organisations, for the coordinator to confirm
 * with the mandate's terms at intake. Anything else stays free text for the coordinator to link.
 */
export async function proposeFromStatement(tx: Tx, tenantId: string, memberId: string, statement: string | null): Promise<void> {
  const name = statement?.trim();
  if (!name) return;
  const organisation = await findPatientOrganisationByName(tx, tenantId, name);
  if (!organisation) return;
  const today = await tenantToday(tx, tenantId);
  await insertRepresentation(tx, {
    tenantId,
    memberId,
    organisationId: organisation.id,
    status: "PROPOSED",
    validFrom: asDate(today),
    proposedBy: "MEMBER",
    proposedById: memberId,
  });
}
