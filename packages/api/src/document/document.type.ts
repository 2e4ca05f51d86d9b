import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { NotFound } from "../common/errors/not-found.js";

export enum DocumentKind {
  FEE_CLAIM_FORM = "FEE_CLAIM_FORM",
  ASSIGNMENT_AGREEMENT = "ASSIGNMENT_AGREEMENT",
  PAYROLL_SUMMARY = "PAYROLL_SUMMARY",
  PAYROLL_CSV = "PAYROLL_CSV",
  PAYROLL_PAXML = "PAYROLL_PAXML",
  OCCASION_CALENDAR = "OCCASION_CALENDAR",
  TRAINING_SESSION_CALENDAR = "TRAINING_SESSION_CALENDAR",
  INTAKE_APPOINTMENT_CALENDAR = "INTAKE_APPOINTMENT_CALENDAR",
}
registerEnumType(DocumentKind, {
  name: "DocumentKind",
  description:
    "A file to download. FEE_CLAIM_FORM (PDF, a FeeClaim id): the fee form per person and occasion, to sign and attest. " +
    "ASSIGNMENT_AGREEMENT (PDF, an Assignment id): the written agreement of a long assignment, signed by both. " +
    "PAYROLL_SUMMARY (PDF), PAYROLL_CSV and PAYROLL_PAXML (PAXml 2.0; a PayrollExport id). OCCASION_CALENDAR (iCalendar, an occasion id), " +
    "TRAINING_SESSION_CALENDAR (iCalendar, a TrainingSession id) and INTAKE_APPOINTMENT_CALENDAR (iCalendar, an IntakeAppointment id: " +
    "its member, or staff who manage it), in Europe/Stockholm time.",
});

@ObjectType({
  description:
    "A short-lived link to one document for you: GET its `path` on the API's origin (no Authorization header needed). It works " +
    "for this document only, until `expiresAt` (a few minutes); the download checks your permission again, and downloads " +
    "of personal data are audited.",
})
export class DownloadLink {
  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => String, { description: "`/downloads/<tenant>/<kind>/<id>/<secret>`, relative to the API's origin." })
  path!: string;

  @Field(() => String, { description: "The file's name, e.g. `arvodesblankett-2026-03-02-….pdf`." })
  fileName!: string;

  @Field(() => String, { description: "application/pdf, text/calendar or text/csv." })
  contentType!: string;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Boolean, { description: "Whether the file holds personal data (its downloads are audited)." })
  containsPersonalData!: boolean;
}

@InputType()
export class CreateDownloadLinkInput {
  @Field(() => DocumentKind)
  kind!: DocumentKind;

  @Field(() => ID, { description: "The fee claim, assignment, payroll export, occasion, training session or intake appointment." })
  subjectId!: string;
}

@ObjectType()
export class CreateDownloadLinkPayload {
  @Field(() => DownloadLink, { nullable: true })
  link!: DownloadLink | null;

  @Field(() => [NotFound], { description: "NOT_FOUND: no such document, or none you may read." })
  errors!: NotFound[];
}
