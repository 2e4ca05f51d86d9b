import { createHash, randomBytes } from "node:crypto";
import {
  agreementDocument,
  DOCUMENT_HAS_PERSONAL_DATA,
  type DocumentKind,
  documentKindSegment,
  feeForm,
  isLocale,
  type Locale,
  linkExpiry,
  payrollSummaryDocument,
  safeFileName,
} from "@medverkan/domain";
import { GraphQLError } from "graphql";
import { forbidden } from "../common/errors/api-error.js";
import { notFound } from "../common/errors/not-found.js";
import { isId } from "../common/ids.js";
import type { RequestContext } from "../context/request-context.js";
import { requireTenantActor } from "../context/require-tenant.js";
import { getFeeClaim } from "../fee-claim/fee-claim.service.js";
import { intakeAppointmentForCalendar } from "../intake/appointment.service.js";
import { releasedContacts } from "../invitation/contact-release.service.js";
import { getPayrollExport, payrollFile } from "../payroll/payroll.service.js";
import { getRequest } from "../request/request.service.js";
import { standingOn } from "../request/request-access.js";
import { getTrainingSession } from "../training/training-session.service.js";
import { type CalendarEvent, calendarFile } from "./calendar.js";
import {
  findAssignmentForAgreement,
  findOccasionContext,
  findSessionForCalendar,
  findTenantForDocuments,
  insertDownloadLink,
  memberEnrolledIn,
  memberTakesPartIn,
} from "./document.repository.js";
import type { CreateDownloadLinkPayload, DocumentKind as DownloadLinkKind } from "./document.type.js";
import { renderPdf } from "./pdf.js";

// Documents a person downloads (issue 17). Each is read through the same service as its GraphQL field — the fee
// claim through getFeeClaim, the payroll export through getPayrollExport, the request through getRequest — so a file
// shows exactly what the asker may see in the API, and every figure is the domain's own (nothing is recomputed).

const DOCUMENT = { sv: "Dokumentet", en: "The document" };

/** A document the asker may read, ready to be written as a file. */
export interface LoadedDocument {
  readonly kind: DocumentKind;
  readonly tenantId: string;
  readonly subjectId: string;
  readonly fileName: string;
  readonly contentType: string;
  /** Whose personal data it holds (audited per person on every download). */
  readonly memberIds: readonly string[];
  render(): Promise<Buffer>;
}

const PDF = "application/pdf";
const ICS = "text/calendar; charset=utf-8";
const CSV = "text/csv; charset=utf-8";
const XML = "application/xml; charset=utf-8";

function timeFormat(timeZone: string) {
  const time = new Intl.DateTimeFormat("sv-SE", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const date = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  return {
    time: (at: Date) => time.format(at),
    date: (at: Date) => date.format(at),
    span: (from: Date, to: Date) => `${date.format(from)} ${time.format(from)}–${time.format(to)}`,
  };
}

/** A service's refusal (FORBIDDEN) means the same here as a document that is not there: null. */
async function unlessRefused<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === "FORBIDDEN") return null;
    throw error;
  }
}

/** Loads the document as the context's actor may see it; null when it does not exist or they may not see it. */
export async function loadDocument(ctx: RequestContext, kind: DocumentKind, subjectId: string): Promise<LoadedDocument | null> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" && actor.kind !== "MEMBER") return null;
  if (!isId(subjectId)) return null;
  const tenantId = actor.tenantId;
  const scope = ctx.scope(tenantId);
  const tenant = await scope.transaction((tx) => findTenantForDocuments(tx, tenantId));
  if (!tenant) return null;
  const zone = timeFormat(tenant.timeZone);
  const lang = ctx.locale === "sv" ? "sv-SE" : "en-GB";
  const base = { kind, tenantId, subjectId };

  switch (kind) {
    case "FEE_CLAIM_FORM": {
      const claim = await unlessRefused(getFeeClaim(ctx, subjectId));
      if (!claim) return null;
      const occasion = await scope.transaction((tx) => findOccasionContext(tx, tenantId, claim.occasionId));
      if (!occasion) return null;
      const unit = occasion.request.unit;
      const document = feeForm(
        {
          claimId: claim.id,
          status: claim.status,
          tenantName: tenant.name,
          networkName: occasion.request.network.name,
          unitName: unit.name.includes(unit.organisation.name) ? unit.name : `${unit.name}, ${unit.organisation.name}`,
          requestTitle: claim.requestTitle,
          participantName: claim.participantName,
          occasionDate: claim.occasionDate,
          occasionTime: `${zone.time(occasion.startsAt)}–${zone.time(occasion.endsAt)}`,
          place: occasion.place ?? occasion.digitalLink,
          durationMinutes: claim.durationMinutes,
          travelMinutes: claim.travelMinutes,
          countedMinutes: claim.countedMinutes,
          preparationMinutes: claim.preparationMinutes,
          category: claim.category,
          hourly: claim.hourly,
          mileageKm: claim.mileageKm,
          feeOre: claim.fee.amountOre,
          preparationOre: claim.preparation.amountOre,
          mileageOre: claim.mileage.amountOre,
          expenses: claim.expenses.map((expense) => ({ description: expense.description, amountOre: expense.amount.amountOre })),
          expensesOre: claim.expensesTotal.amountOre,
          grossOre: claim.gross.amountOre,
          withholdingOre: claim.withholding.amountOre,
          netOre: claim.net.amountOre,
          payoutMethod: claim.payoutMethod,
          costCentreCode: claim.costCentreCode,
          payerName: claim.payerName,
          submittedAt: claim.submittedAt ? zone.date(claim.submittedAt) : null,
          attestedAt: claim.attestedAt ? zone.date(claim.attestedAt) : null,
          attester: tenant.feeClaimAttester,
        },
        ctx.locale,
      );
      return {
        ...base,
        fileName: safeFileName(`${document.title}-${claim.occasionDate}-${claim.id.slice(-8)}`, "pdf"),
        contentType: PDF,
        memberIds: [claim.memberId],
        render: () => renderPdf(document, { lang, author: tenant.name }),
      };
    }

    case "ASSIGNMENT_AGREEMENT": {
      const row = await scope.transaction((tx) => findAssignmentForAgreement(tx, tenantId, subjectId));
      if (!row || row.status === "CANCELLED" || row.member.erasedAt) return null;
      if (actor.kind === "MEMBER") {
        if (row.memberId !== actor.memberId) return null;
      } else {
        const request = await unlessRefused(getRequest(ctx, row.requestId));
        if (!request) return null;
        const standing = standingOn(actor, request);
        if (!standing.coordinator) {
          // The unit knows who the participant is only when they accepted and consented (Request.participants).
          if (!standing.unit) return null;
          const contacts = (await unlessRefused(releasedContacts(ctx, request))) ?? [];
          if (!contacts.some((contact) => contact.assignmentId === row.id)) return null;
        }
      }
      const unit = row.request.unit;
      const document = agreementDocument(
        {
          assignmentId: row.id,
          tenantName: tenant.name,
          networkName: row.request.network.name,
          unitName: unit.name.includes(unit.organisation.name) ? unit.name : `${unit.name}, ${unit.organisation.name}`,
          unitContactName: row.request.contactName,
          requestTitle: row.request.title,
          purpose: row.request.purpose,
          participantName: `${row.member.givenName} ${row.member.familyName}`.trim(),
          validFrom: row.agreementValidFrom?.toISOString().slice(0, 10) ?? null,
          validTo: row.agreementValidTo?.toISOString().slice(0, 10) ?? null,
          scope: row.agreementScope,
          occasions: row.request.occasions.map(
            (occasion) => `${zone.span(occasion.startsAt, occasion.endsAt)}${occasion.place ? `, ${occasion.place}` : ""}`,
          ),
          compensation: row.request.compensationOffered,
          signedByMemberAt: row.agreementSignedByMemberAt ? zone.date(row.agreementSignedByMemberAt) : null,
          signedByUnitAt: row.agreementSignedByUnitAt ? zone.date(row.agreementSignedByUnitAt) : null,
        },
        ctx.locale,
      );
      return {
        ...base,
        fileName: safeFileName(`${document.title}-${row.id.slice(-8)}`, "pdf"),
        contentType: PDF,
        memberIds: [row.memberId],
        render: () => renderPdf(document, { lang, author: tenant.name }),
      };
    }

    case "PAYROLL_SUMMARY":
    case "PAYROLL_CSV":
    case "PAYROLL_PAXML": {
      if (actor.kind !== "STAFF") return null;
      const loaded = await unlessRefused(getPayrollExport(ctx, subjectId));
      if (!loaded) return null;
      const name = `${ctx.locale === "sv" ? "loneunderlag" : "payroll"}-${loaded.periodFrom}-${loaded.periodTo}`;
      if (kind === "PAYROLL_CSV") {
        return {
          ...base,
          fileName: safeFileName(name, "csv"),
          contentType: CSV,
          memberIds: loaded.memberIds,
          render: async () => Buffer.from(await payrollFile(ctx, loaded, "CSV"), "utf8"),
        };
      }
      if (kind === "PAYROLL_PAXML") {
        return {
          ...base,
          fileName: safeFileName(name, "xml"),
          contentType: XML,
          memberIds: loaded.memberIds,
          render: async () => Buffer.from(await payrollFile(ctx, loaded, "PAXML"), "utf8"),
        };
      }
      const document = payrollSummaryDocument(
        {
          exportId: loaded.id,
          tenantName: tenant.name,
          payerName: loaded.payerName,
          periodFrom: loaded.periodFrom,
          periodTo: loaded.periodTo,
          claimCount: loaded.claimCount,
          grossOre: loaded.gross.amountOre,
          withholdingOre: loaded.withholding.amountOre,
          netOre: loaded.net.amountOre,
          persons: loaded.summaries.map((summary) => ({
            personName: summary.personName,
            personReference: summary.personReference,
            claimCount: summary.claimCount,
            grossOre: summary.gross.amountOre,
            mileageOre: summary.mileage.amountOre,
            expensesOre: summary.expenses.amountOre,
            withholdingOre: summary.withholding.amountOre,
            netOre: summary.net.amountOre,
            text: summary.text,
          })),
        },
        ctx.locale,
      );
      return {
        ...base,
        fileName: safeFileName(name, "pdf"),
        contentType: PDF,
        memberIds: loaded.memberIds,
        render: () => renderPdf(document, { lang, author: tenant.name }),
      };
    }

    case "OCCASION_CALENDAR": {
      const occasion = await scope.transaction((tx) => findOccasionContext(tx, tenantId, subjectId));
      if (!occasion) return null;
      if (actor.kind === "MEMBER") {
        const takesPart = await scope.transaction((tx) => memberTakesPartIn(tx, tenantId, actor.memberId, occasion.requestId, new Date()));
        if (!takesPart) return null;
      } else if (!(await unlessRefused(getRequest(ctx, occasion.requestId)))) {
        return null;
      }
      const event: CalendarEvent = {
        uid: `occasion-${occasion.id}@medverkan`,
        startsAt: occasion.startsAt,
        endsAt: occasion.endsAt,
        summary: occasion.request.title,
        description: `${occasion.request.network.name}, ${tenant.name}`,
        location: occasion.place,
        url: occasion.digitalLink,
        cancelled: occasion.cancelledAt !== null,
      };
      return {
        ...base,
        fileName: safeFileName(`${occasion.request.title}-${zone.date(occasion.startsAt)}`, "ics"),
        contentType: ICS,
        memberIds: [],
        render: async () =>
          Buffer.from(
            calendarFile({ name: occasion.request.title, timeZone: tenant.timeZone, stampedAt: new Date(), events: [event] }),
            "utf8",
          ),
      };
    }

    case "INTAKE_APPOINTMENT_CALENDAR":
      return intakeAppointmentDocument(ctx, base, tenant, zone);

    case "TRAINING_SESSION_CALENDAR": {
      const session = await scope.transaction((tx) => findSessionForCalendar(tx, tenantId, subjectId));
      if (!session) return null;
      if (actor.kind === "MEMBER") {
        const enrolled = await scope.transaction((tx) => memberEnrolledIn(tx, tenantId, actor.memberId, session.id));
        if (!enrolled) return null;
      } else if (!(await unlessRefused(getTrainingSession(ctx, session.id)))) {
        return null;
      }
      return {
        ...base,
        fileName: safeFileName(`${session.title}-${zone.date(session.startsAt)}`, "ics"),
        contentType: ICS,
        memberIds: [],
        render: async () =>
          Buffer.from(
            calendarFile({
              name: session.title,
              timeZone: tenant.timeZone,
              stampedAt: new Date(),
              events: [sessionEvent(session, `${session.network.name}, ${tenant.name}`)],
            }),
            "utf8",
          ),
      };
    }
  }
}

/** Where the intake appointment's calendar file is built (the same event as the e-mail's attachment). */
async function intakeAppointmentDocument(
  ctx: RequestContext,
  base: { kind: DocumentKind; tenantId: string; subjectId: string },
  tenant: { name: string; timeZone: string },
  zone: ReturnType<typeof timeFormat>,
): Promise<LoadedDocument | null> {
  const appointment = await intakeAppointmentForCalendar(ctx, base.subjectId);
  if (!appointment) return null;
  const name = `${ctx.locale === "sv" ? "Introduktionsmöte" : "Introduction meeting"}${appointment.networkName ? `, ${appointment.networkName}` : ""}`;
  const event: CalendarEvent = {
    uid: `intake-appointment-${appointment.id}@medverkan`,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt ?? new Date(appointment.startsAt.getTime() + 60 * 60_000),
    summary: name,
    description: [appointment.networkName, tenant.name].filter(Boolean).join(", "),
    location: appointment.place,
    url: appointment.digitalLink,
    cancelled: appointment.status === "CANCELLED",
    sequence: appointment.previousTimes.length,
  };
  return {
    ...base,
    fileName: safeFileName(`${name}-${zone.date(appointment.startsAt)}`, "ics"),
    contentType: ICS,
    memberIds: [appointment.memberId],
    render: async () => Buffer.from(calendarFile({ name, timeZone: tenant.timeZone, stampedAt: new Date(), events: [event] }), "utf8"),
  };
}

export function sessionEvent(
  session: {
    id: string;
    title: string;
    startsAt: Date;
    endsAt: Date;
    place: string | null;
    digitalLink: string | null;
    cancelledAt: Date | null;
  },
  description: string,
): CalendarEvent {
  return {
    uid: `training-session-${session.id}@medverkan`,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    summary: session.title,
    description,
    location: session.place,
    url: session.digitalLink,
    cancelled: session.cancelledAt !== null,
  };
}

export const hashLinkSecret = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

/**
 * A link to one document for the caller: checked now with the document's own permission (a document the caller may
 * not read is not found), only a hash of its secret stored, valid for a few minutes.
 */
export async function createDownloadLink(
  ctx: RequestContext,
  input: { kind: DocumentKind | `${DocumentKind}`; subjectId: string },
): Promise<CreateDownloadLinkPayload> {
  const actor = requireTenantActor(ctx);
  if (actor.kind !== "STAFF" && actor.kind !== "MEMBER") throw forbidden(ctx.locale);
  const document = await loadDocument(ctx, input.kind, input.subjectId);
  if (!document) return { link: null, errors: [notFound(DOCUMENT, ctx.locale)] };
  const secret = randomBytes(32).toString("base64url");
  const now = new Date();
  const stored = await ctx.scope(actor.tenantId).transaction((tx) =>
    insertDownloadLink(tx, {
      tenantId: actor.tenantId,
      tokenHash: hashLinkSecret(secret),
      kind: input.kind,
      subjectId: input.subjectId,
      staffUserId: actor.kind === "STAFF" ? actor.staffUserId : null,
      memberId: actor.kind === "MEMBER" ? actor.memberId : null,
      locale: ctx.locale,
      expiresAt: linkExpiry(now),
    }),
  );
  return {
    link: {
      kind: input.kind as DownloadLinkKind,
      subjectId: input.subjectId,
      path: `/downloads/${actor.tenantId}/${documentKindSegment(input.kind)}/${input.subjectId}/${secret}`,
      fileName: document.fileName,
      contentType: document.contentType,
      expiresAt: stored.expiresAt,
      containsPersonalData: DOCUMENT_HAS_PERSONAL_DATA[input.kind],
    },
    errors: [],
  };
}

export const linkLocale = (value: string): Locale => (isLocale(value) ? value : "sv");
