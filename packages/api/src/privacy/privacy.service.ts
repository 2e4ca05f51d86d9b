import type { RegistrationChannel as DatabaseChannel, DataSubjectRequestKind as DatabaseKind } from "@medverkan/database";
import {
  anonymisedMemberFields,
  dataSubjectRequestDueAt,
  fieldError,
  isDataSubjectRequestOverdue,
  validateDataSubjectRequestEntry,
} from "@medverkan/domain";
import { coordinatedNetworks, type TenantActor } from "../auth/actor.js";
import { badUserInput, forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import type { Tx } from "../context/tenant-scope.js";
import { giveUpCommitmentsOfErasedMember } from "../invitation/erased-member.service.js";
import type { NetworkVisibility } from "../member/member.repository.js";
import { RegistrationChannel } from "../member/member.type.js";
import { readBankAccount } from "../payroll-details/payroll-details.repository.js";
import { EXPORT_FORMAT, toExportDocument } from "./export.mapper.js";
import type { DataSubjectActionInput, EraseMemberInput } from "./privacy.input.js";
import type { EraseMemberPayload, ExportMemberDataPayload, ProcessingRestrictionPayload } from "./privacy.payload.js";
import {
  type DataSubjectRequestRow,
  eraseMemberData,
  findEverythingAboutMember,
  findSubjectMember,
  findTenantName,
  insertDataSubjectRequest,
  type SubjectMember,
  setRestriction,
} from "./privacy.repository.js";
import type { DataExport, DataSubjectRequest, DataSubjectRequestKind } from "./privacy.type.js";

const MEMBER = { sv: "Medlemmen", en: "The member" };

/** Who a privacy action is for, how the request arrived, and whose networks bound the search for the member. */
interface Subject {
  actor: TenantActor;
  memberId: string | null;
  networks: NetworkVisibility;
  selfService: boolean;
  channel: DatabaseChannel;
  receivedAt: Date;
  note: string | null;
}

/**
 * The member acts for themself; a coordinator acts for a member of a network they coordinate, answering a letter or
 * a call. Anyone else is refused. A member naming someone else, or a coordinator naming a member outside their
 * networks, gets the same NOT_FOUND as for an id that does not exist.
 */
function resolveSubject(ctx: RequestContext, input: DataSubjectActionInput, now: Date): Subject {
  const actor = requireTenantActor(ctx);
  if (actor.kind === "MEMBER") {
    const memberId = !input.memberId || input.memberId === actor.memberId ? actor.memberId : null;
    return { actor, memberId, networks: "ALL", selfService: true, channel: "WEB", receivedAt: now, note: null };
  }
  const networks = coordinatedNetworks(actor);
  if (actor.kind !== "STAFF" || (networks !== "ALL" && networks.length === 0)) throw forbidden(ctx.locale);
  const errors = [];
  if (!input.memberId) errors.push(fieldError("input.memberId", "REQUIRED", { sv: "Medlem", en: "Member" }));
  if (!input.channel) errors.push(fieldError("input.channel", "REQUIRED", { sv: "Kanal", en: "Channel" }));
  else if (input.channel === RegistrationChannel.DIRECT_RECRUITMENT) {
    errors.push(
      fieldError(
        "input.channel",
        "NOT_ALLOWED",
        { sv: "Kanal", en: "Channel" },
        {
          hint: { sv: "Ange brev (POSTAL), telefon (PHONE) eller webb (WEB).", en: "Use POSTAL (letter), PHONE or WEB." },
        },
      ),
    );
  }
  const entry = validateDataSubjectRequestEntry({ note: input.note, receivedAt: input.receivedAt }, now);
  if (!entry.ok) errors.push(...entry.errors);
  if (errors.length > 0 || !entry.ok) throw badUserInput(errors, ctx.locale);
  return {
    actor,
    memberId: input.memberId && isId(input.memberId) ? input.memberId : null,
    networks,
    selfService: false,
    channel: input.channel as DatabaseChannel,
    receivedAt: entry.receivedAt,
    note: entry.note,
  };
}

async function findSubject(tx: Tx, subject: Subject): Promise<SubjectMember | null> {
  if (!subject.memberId) return null;
  return findSubjectMember(tx, subject.actor.tenantId, subject.memberId, subject.networks);
}

export function toDataSubjectRequest(row: DataSubjectRequestRow, now: Date = new Date()): DataSubjectRequest {
  return {
    ...row,
    kind: row.kind as DataSubjectRequestKind,
    channel: row.channel as RegistrationChannel,
    overdue: isDataSubjectRequestOverdue(row, now),
  };
}

/** Logs the request being answered; a request answered on the spot is completed when it is logged. */
function logRequest(tx: Tx, subject: Subject, memberId: string, kind: DatabaseKind, now: Date) {
  return insertDataSubjectRequest(tx, {
    tenantId: subject.actor.tenantId,
    memberId,
    kind,
    channel: subject.channel,
    receivedAt: subject.receivedAt,
    dueAt: dataSubjectRequestDueAt(subject.receivedAt),
    completedAt: now,
    note: subject.note,
  });
}

async function buildExport(tx: Tx, tenantId: string, memberId: string, now: Date): Promise<DataExport> {
  const [everything, tenant] = await Promise.all([findEverythingAboutMember(tx, tenantId, memberId), findTenantName(tx, tenantId)]);
  if (!everything || !tenant) throw new Error("the member to export vanished inside its transaction");
  const bankAccount = await readBankAccount(tx, tenantId, memberId);
  return { format: EXPORT_FORMAT, generatedAt: now, data: toExportDocument(everything, tenant, { bankAccount }, now) };
}

/** Members: everything held about you, as JSON (art. 15 and 20). Audited as an export. */
export async function exportMyData(ctx: RequestContext): Promise<DataExport> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const now = new Date();
  return ctx.scope(actor.tenantId).transaction(async (tx) => {
    const result = await buildExport(tx, actor.tenantId, actor.memberId, now);
    await ctx.audit.record(tx, actor.tenantId, {
      action: "EXPORT",
      subjectType: "Member",
      subjectId: actor.memberId,
      memberId: actor.memberId,
      purpose: "own data export (GDPR art. 15)",
    });
    return result;
  });
}

/**
 * A coordinator answers a member's request for their data received by letter or phone: the export, the request in
 * the log (completed), and the audit event, in one transaction. Allowed while processing is restricted: answering
 * the person is the one use art. 18 leaves.
 */
export async function exportMemberData(ctx: RequestContext, input: DataSubjectActionInput): Promise<ExportMemberDataPayload> {
  const now = new Date();
  const subject = resolveSubject(ctx, input, now);
  return ctx.scope(subject.actor.tenantId).transaction(async (tx): Promise<ExportMemberDataPayload> => {
    const member = await findSubject(tx, subject);
    if (!member) return { export: null, dataSubjectRequest: null, errors: [notFound(MEMBER, ctx.locale)] };
    const result = await buildExport(tx, subject.actor.tenantId, member.id, now);
    const request = subject.selfService ? null : await logRequest(tx, subject, member.id, "ACCESS", now);
    await ctx.audit.record(tx, subject.actor.tenantId, {
      action: "EXPORT",
      subjectType: "Member",
      subjectId: member.id,
      memberId: member.id,
      purpose: subject.selfService ? "own data export (GDPR art. 15)" : `data export on request (${subject.channel.toLowerCase()})`,
      details: request ? { dataSubjectRequestId: request.id } : undefined,
    });
    return { export: result, dataSubjectRequest: request ? toDataSubjectRequest(request, now) : null, errors: [] };
  });
}

/**
 * Restriction (art. 18) or its lifting. Restricting an already restricted member changes nothing and logs nothing;
 * lifting is audited but is not itself a request under art. 18.
 */
export async function setProcessingRestriction(
  ctx: RequestContext,
  input: DataSubjectActionInput,
  restrict: boolean,
): Promise<ProcessingRestrictionPayload> {
  const now = new Date();
  const subject = resolveSubject(ctx, input, now);
  return ctx.scope(subject.actor.tenantId).transaction(async (tx): Promise<ProcessingRestrictionPayload> => {
    const member = await findSubject(tx, subject);
    if (!member) return { privacy: null, dataSubjectRequest: null, errors: [notFound(MEMBER, ctx.locale)] };
    if ((member.restrictedAt !== null) === restrict) {
      return { privacy: { memberId: member.id, restrictedAt: member.restrictedAt, erasedAt: null }, dataSubjectRequest: null, errors: [] };
    }
    const restrictedAt = restrict ? now : null;
    await setRestriction(tx, subject.actor.tenantId, member.id, restrictedAt);
    const request = restrict ? await logRequest(tx, subject, member.id, "RESTRICTION", now) : null;
    await ctx.audit.record(tx, subject.actor.tenantId, {
      action: "WRITE",
      subjectType: "Member",
      subjectId: member.id,
      memberId: member.id,
      purpose: restrict ? "restriction of processing (GDPR art. 18)" : "restriction of processing lifted",
      details: { restrictedAt: restrictedAt?.toISOString() ?? null, channel: subject.channel },
    });
    return {
      privacy: { memberId: member.id, restrictedAt, erasedAt: null },
      dataSubjectRequest: request ? toDataSubjectRequest(request, now) : null,
      errors: [],
    };
  });
}

/**
 * Erasure (art. 17): the person removed everywhere in one transaction, the request logged, the act audited. The
 * member's own token maps to no one afterwards.
 */
export async function eraseMember(ctx: RequestContext, input: EraseMemberInput): Promise<EraseMemberPayload> {
  const now = new Date();
  const subject = resolveSubject(ctx, input, now);
  if (input.confirm !== true) {
    throw badUserInput(
      [
        fieldError(
          "input.confirm",
          "REQUIRED",
          { sv: "Bekräftelse", en: "Confirmation" },
          {
            hint: { sv: "Radering kan inte ångras.", en: "Erasure cannot be undone." },
          },
        ),
      ],
      ctx.locale,
    );
  }
  return ctx.scope(subject.actor.tenantId).transaction(
    async (tx): Promise<EraseMemberPayload> => {
      const member = await findSubject(tx, subject);
      if (!member) return { privacy: null, dataSubjectRequest: null, errors: [notFound(MEMBER, ctx.locale)] };
      await eraseMemberData(
        tx,
        subject.actor.tenantId,
        member.id,
        anonymisedMemberFields({ birthDate: member.birthDate?.toISOString().slice(0, 10) ?? null, birthYear: member.birthYear }),
        now,
        {
          actorType: subject.actor.kind === "STAFF" ? "STAFF" : "MEMBER",
          actorId: subject.actor.kind === "STAFF" ? subject.actor.staffUserId : member.id,
        },
      );
      // A person who no longer exists cannot answer, wait for a place or turn up: what they had open is closed.
      await giveUpCommitmentsOfErasedMember(ctx, tx, subject.actor.tenantId, member.id, now);
      const request = await logRequest(tx, subject, member.id, "ERASURE", now);
      await ctx.audit.record(tx, subject.actor.tenantId, {
        action: "ERASE",
        subjectType: "Member",
        subjectId: member.id,
        memberId: member.id,
        purpose: subject.selfService
          ? "erasure at the member's own request (GDPR art. 17)"
          : `erasure on request (${subject.channel.toLowerCase()})`,
        details: { reason: "REQUEST", dataSubjectRequestId: request.id },
      });
      return {
        privacy: { memberId: member.id, restrictedAt: null, erasedAt: now },
        dataSubjectRequest: toDataSubjectRequest(request, now),
        errors: [],
      };
    },
    { timeoutMs: 30_000 },
  );
}
