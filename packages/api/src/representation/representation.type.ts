import { createUnionType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { NameTaken } from "../organisation/organisation.payload.js";

export enum RepresentationStatus {
  PROPOSED = "PROPOSED",
  CONFIRMED = "CONFIRMED",
  REJECTED = "REJECTED",
}
registerEnumType(RepresentationStatus, {
  name: "RepresentationStatus",
  description:
    "PROPOSED: stated by the member (or carried over from the old free-text field), awaiting a coordinator; CONFIRMED: recorded or confirmed by a coordinator — the only status ever shown to a unit; REJECTED: not confirmed.",
});

@ObjectType({
  description:
    "One of the tenant's patient and user organisations (an Organisation of kind PATIENT_ORGANISATION): what a member can represent.",
})
export class PatientOrganisation {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date, { nullable: true, description: "Set when retired: no new representations, existing ones kept." })
  retiredAt!: Date | null;
}

@ObjectType({
  description:
    "A member's mandate to represent a patient or user organisation (VGR: \"har mandat att representera\"). Seen by the member and the coordinators of the member's networks.",
})
export class OrganisationRepresentation {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => String)
  organisationName!: string;

  @Field(() => RepresentationStatus)
  status!: RepresentationStatus;

  @Field(() => String, { description: "YYYY-MM-DD: the mandate's first day." })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD: the mandate's last day; null while it runs." })
  validTo!: string | null;

  @Field(() => Boolean, { description: "Confirmed and running today (in the tenant's time zone)." })
  current!: boolean;

  @Field(() => String, { nullable: true, description: "What the mandate covers, in the organisation's words." })
  covers!: string | null;

  @Field(() => [ID], { description: "The networks the mandate is limited to; empty: all." })
  networkIds!: string[];

  @Field(() => [String], { description: "The assignment type keys the mandate is limited to; empty: all." })
  assignmentTypes!: string[];

  @Field(() => String, { description: "MEMBER when the member proposed it, STAFF when a coordinator recorded it." })
  proposedBy!: string;

  @Field(() => Date, { nullable: true, description: "When a coordinator recorded, confirmed or rejected it." })
  decidedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when deciding on or changing it." })
  version!: number;
}

@ObjectType({
  description:
    "Beside a released contact: an organisation the participant has a current, confirmed mandate to represent for this request's network and assignment type.",
})
export class RepresentedOrganisation {
  @Field(() => String)
  organisationName!: string;

  @Field(() => String, { description: "YYYY-MM-DD." })
  validFrom!: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD; null: open-ended." })
  validTo!: string | null;

  @Field(() => String, { nullable: true })
  covers!: string | null;
}

@ObjectType({
  implements: ErrorResult,
  description:
    "The representation cannot be recorded or changed: `code` says why (NOT_A_PATIENT_ORGANISATION, ORGANISATION_RETIRED, ALREADY_DECIDED, NOT_CONFIRMED, ALREADY_REPRESENTS, UNKNOWN_NETWORK, UNKNOWN_ASSIGNMENT_TYPE, MEMBER_NOT_AVAILABLE).",
})
export class RepresentationNotAllowed extends ErrorResult {}

export const RepresentationError = createUnionType({
  name: "RepresentationError",
  types: () => [NotFound, RepresentationNotAllowed] as const,
});

@ObjectType()
export class RepresentationPayload {
  @Field(() => OrganisationRepresentation, { nullable: true })
  representation!: OrganisationRepresentation | null;

  @Field(() => [RepresentationError])
  errors!: Array<typeof RepresentationError>;
}

export const PatientOrganisationError = createUnionType({
  name: "PatientOrganisationError",
  types: () => [NotFound, NameTaken] as const,
});

@ObjectType()
export class PatientOrganisationPayload {
  @Field(() => PatientOrganisation, { nullable: true })
  patientOrganisation!: PatientOrganisation | null;

  @Field(() => [PatientOrganisationError])
  errors!: Array<typeof PatientOrganisationError>;
}

@InputType()
export class AddPatientOrganisationInput {
  @Field(() => String)
  name!: string;
}

@InputType()
export class RetirePatientOrganisationInput {
  @Field(() => ID)
  id!: string;
}

@InputType({ description: "The mandate's terms." })
export class RepresentationTermsInput {
  @Field(() => String, { nullable: true, description: "YYYY-MM-DD; required when recording or proposing." })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, on or after validFrom; leave out for an open-ended mandate." })
  validTo?: string | null;

  @Field(() => String, { nullable: true, description: "What the mandate covers (free text, at most 2 000 characters)." })
  covers?: string | null;

  @Field(() => [ID], { nullable: true, description: "Limit the mandate to these networks; empty or left out: all." })
  networkIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Limit the mandate to these assignment type keys; empty or left out: all." })
  assignmentTypes?: string[] | null;
}

@InputType()
export class RecordRepresentationInput extends RepresentationTermsInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => ID, { description: "A patient organisation of the tenant (`patientOrganisations`)." })
  organisationId!: string;
}

@InputType()
export class ProposeMyRepresentationInput extends RepresentationTermsInput {
  @Field(() => ID, { description: "A patient organisation of the tenant (`patientOrganisations`)." })
  organisationId!: string;
}

@InputType()
export class DecideRepresentationInput extends RepresentationTermsInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: "The version you read; a stale one is a CONFLICT and nothing changes." })
  expectedVersion?: number | null;
}

@InputType()
export class EndRepresentationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "YYYY-MM-DD: the mandate's last day (today or earlier to end it now)." })
  validTo!: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}
