import { Field, Float, ID, InputType, Int, registerEnumType } from "type-graphql";
import { OrderByInput, type OrderByValue, SortDirection, type Sorting } from "../common/pagination/ordering.js";
import { Perspective } from "../member/member.type.js";
import { AssignmentLength, RequestStatus, type RequestType } from "./request.type.js";

// Input field names are the request form's field keys (RequestField), so a field error's path
// (`input.occasions[0].endsAt`) names the very field the client sent.

@InputType({ description: "When and where: a place, a digital (https) link, or both." })
export class OccasionInput {
  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date, { description: "Must be after `startsAt`." })
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place?: string | null;

  @Field(() => String, { nullable: true, description: "An https:// meeting link." })
  digitalLink?: string | null;
}

@InputType({ description: "The person at the unit to contact; left out: you, the submitter." })
export class ContactPersonInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType({ description: "The experience sought: keys from the tenant's experience taxonomy and/or the unit's own words." })
export class ExperienceSoughtInput {
  @Field(() => [String], { nullable: true })
  tagKeys?: string[] | null;

  @Field(() => String, { nullable: true })
  text?: string | null;
}

@InputType({
  description:
    "An answer to one of the form's region questions (`RequestForm.questions`): give the value in the member that fits its type and leave the others out.",
})
export class RequestAnswerInput {
  @Field(() => String, { description: "The question's key." })
  question!: string;

  @Field(() => String, { nullable: true, description: "SHORT_TEXT, LONG_TEXT." })
  text?: string | null;

  @Field(() => Float, { nullable: true, description: "NUMBER." })
  number?: number | null;

  @Field(() => String, { nullable: true, description: "DATE, as YYYY-MM-DD." })
  date?: string | null;

  @Field(() => String, { nullable: true, description: "SINGLE_CHOICE: the option's key." })
  choice?: string | null;

  @Field(() => [String], { nullable: true, description: "MULTIPLE_CHOICE: the options' keys." })
  choices?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "YES_NO." })
  yes?: boolean | null;
}

/** The request's own fields, shared by submission and change. */
@InputType()
abstract class RequestFieldsInput {
  @Field(() => String, { nullable: true, description: "The key of one of the form's assignment types, e.g. `WORKSHOP`." })
  assignmentType?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => String, { nullable: true })
  expectations?: string | null;

  @Field(() => ExperienceSoughtInput, { nullable: true })
  experienceSought?: ExperienceSoughtInput | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "Competences sought in your own words (up to 10, e.g. `Van att tala inför grupp`); members whose competences hold them rank higher.",
  })
  competencesSought?: string[] | null;

  @Field(() => [Perspective], { nullable: true })
  perspectivesSought?: Perspective[] | null;

  @Field(() => Int, { nullable: true, description: "How many people; 1 when the form does not ask." })
  numberOfPersons?: number | null;

  @Field(() => AssignmentLength, { nullable: true, description: "ONE_OFF when the form does not ask." })
  oneOffOrLong?: AssignmentLength | null;

  @Field(() => String, { nullable: true, description: "Who else is in the room (target group)." })
  audience?: string | null;

  @Field(() => Int, { nullable: true })
  audienceSize?: number | null;

  @Field(() => String, { nullable: true })
  selectionProcess?: string | null;

  @Field(() => String, { nullable: true })
  specialRequirements?: string | null;

  @Field(() => String, { nullable: true })
  preparation?: string | null;

  @Field(() => String, { nullable: true })
  compensationOffered?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The ansvarskod to bill (`myRequestOptions.costCentres`): the unit's own, another of its organisation, or a shared one (LPO). Left out: the unit's own when it has exactly one and the form does not require the field; a form that requires it must be answered.",
  })
  costCentre?: string | null;

  @Field(() => ContactPersonInput, { nullable: true })
  contactPerson?: ContactPersonInput | null;

  @Field(() => [RequestAnswerInput], {
    nullable: true,
    description:
      "Answers to the form's region questions. In updateRequest, given: replaces every answer; left out: the answers are kept. An answer to a question not asked (its `showWhen` does not hold) is not kept.",
  })
  answers?: RequestAnswerInput[] | null;
}

@InputType({ description: "A request for participation to a network, with the fields the network's request form asks for." })
export class SubmitRequestInput extends RequestFieldsInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => ID, { nullable: true, description: "Only if you request for more than one unit: which one." })
  unitId?: string | null;

  @Field(() => [OccasionInput], { nullable: true })
  occasions?: OccasionInput[] | null;
}

@InputType({
  description:
    "Changes to a request not yet in matching. A field left out keeps its value; the request is checked against the form as a whole. Occasions are changed with addOccasion / cancelOccasion.",
})
export class UpdateRequestInput extends RequestFieldsInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Int, { description: "The `version` you read; someone else's change in between gives CONFLICT." })
  expectedVersion!: number;
}

@InputType()
export class StartMatchingInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class DeclineRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { nullable: true, description: "Required: the unit is told why." })
  reason?: string | null;
}

@InputType()
export class CancelRequestInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { nullable: true, description: "Required: the network and participants are told why." })
  reason?: string | null;
}

@InputType()
export class MarkRequestCarriedOutInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class RecordFollowUpInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { nullable: true, description: "Required: what the follow-up with the unit and the participants found." })
  note?: string | null;
}

@InputType()
export class AddOccasionInput extends OccasionInput {
  @Field(() => ID)
  requestId!: string;
}

@InputType()
export class CancelOccasionInput {
  @Field(() => ID)
  occasionId!: string;

  @Field(() => String, { nullable: true, description: "Required." })
  reason?: string | null;
}

@InputType()
export class MarkOccasionHeldInput {
  @Field(() => ID)
  occasionId!: string;
}

@InputType({ description: "Your feedback on a carried-out request: as its unit, as a participant, or as the coordinator." })
export class GiveFeedbackInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => Int, { nullable: true, description: "1–5; required from the unit and participants, optional for the coordinator." })
  rating?: number | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType({ description: "Who the unit booked directly: the family name and the e-mail address and/or phone number the unit used." })
export class DirectBookingParticipantInput {
  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType({ description: "A participation the unit arranged itself with people of the network's pool (direct recruitment)." })
export class RecordDirectBookingInput {
  @Field(() => ID)
  networkId!: string;

  @Field(() => ID, { nullable: true, description: "Only if you request for more than one unit: which one." })
  unitId?: string | null;

  @Field(() => String, { nullable: true })
  assignmentType?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => AssignmentLength, { nullable: true })
  oneOffOrLong?: AssignmentLength | null;

  @Field(() => [Perspective], { nullable: true })
  perspectivesSought?: Perspective[] | null;

  @Field(() => [OccasionInput], { nullable: true, description: "At least one; past occasions are recorded as held." })
  occasions?: OccasionInput[] | null;

  @Field(() => [DirectBookingParticipantInput], { nullable: true })
  participants?: DirectBookingParticipantInput[] | null;

  @Field(() => String, { nullable: true, description: "The ansvarskod to bill; left out: the unit's own." })
  costCentre?: string | null;
}

@InputType()
export class RequestFilter {
  @Field(() => [RequestStatus], { nullable: true })
  status?: RequestStatus[] | null;

  @Field(() => ID, { nullable: true })
  networkId?: string | null;

  @Field(() => ID, { nullable: true })
  unitId?: string | null;

  @Field(() => Date, { nullable: true, description: "Submitted at or after." })
  submittedFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: "Submitted before." })
  submittedTo?: Date | null;
}

export enum RequestOrderField {
  CREATED_AT = "CREATED_AT",
  SUBMITTED_AT = "SUBMITTED_AT",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(RequestOrderField, {
  name: "RequestOrderField",
  description: "CREATED_AT: creation order (by id); SUBMITTED_AT: when submitted; UPDATED_AT: last change.",
});

/** Requests: newest first by default (today's order). */
export const requestSorting: Sorting<RequestOrderField, RequestType> = {
  list: "requests",
  fields: {
    CREATED_AT: { type: "uuid", key: (request) => request.id },
    SUBMITTED_AT: { type: "timestamptz", key: (request) => request.submittedAt },
    UPDATED_AT: { type: "timestamptz", key: (request) => request.updatedAt },
  },
  default: { field: RequestOrderField.CREATED_AT, direction: SortDirection.DESC },
};

export const RequestOrderBy = OrderByInput("RequestOrderBy", RequestOrderField, requestSorting.default);
export type RequestOrderBy = OrderByValue<RequestOrderField>;
