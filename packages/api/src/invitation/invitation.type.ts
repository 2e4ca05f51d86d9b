import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Node } from "../node/node.type.js";
import { RepresentedOrganisation } from "../representation/representation.type.js";
import { AssignmentLength } from "../request/request.type.js";

export enum InvitationStatus {
  PENDING = "PENDING",
  ACCEPTED = "ACCEPTED",
  WAITLISTED = "WAITLISTED",
  DECLINED = "DECLINED",
  EXPIRED = "EXPIRED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(InvitationStatus, {
  name: "InvitationStatus",
  description:
    "PENDING awaits the member's answer until `expiresAt`; ACCEPTED holds a place; WAITLISTED accepted when every place was taken and " +
    "moves up, in order, when one frees; DECLINED is remembered (never asked again for the request); EXPIRED was not answered in " +
    "time; WITHDRAWN was taken back by the coordinator (or the place was cancelled).",
});

export enum InviteRefusalReason {
  NOT_IN_POOL = "NOT_IN_POOL",
  NOT_ACTIVE = "NOT_ACTIVE",
  RESTRICTED = "RESTRICTED",
  PAUSED = "PAUSED",
  ALREADY_INVITED = "ALREADY_INVITED",
  DECLINED_BEFORE = "DECLINED_BEFORE",
}
registerEnumType(InviteRefusalReason, { name: "InviteRefusalReason", description: "Why one member could not be invited." });

export enum InvitationAnswerRefusal {
  EXPIRED = "EXPIRED",
  WITHDRAWN = "WITHDRAWN",
  ALREADY_ANSWERED = "ALREADY_ANSWERED",
  REQUEST_CLOSED = "REQUEST_CLOSED",
}
registerEnumType(InvitationAnswerRefusal, { name: "InvitationAnswerRefusal", description: "Why an invitation cannot be answered." });

export enum AnswerChannel {
  PHONE = "PHONE",
  PAPER = "PAPER",
  IN_PERSON = "IN_PERSON",
}
registerEnumType(AnswerChannel, {
  name: "AnswerChannel",
  description: "How a member gave an answer that a coordinator recorded on their behalf: by phone, on a signed paper, or in person.",
});

@ObjectType({
  implements: Node,
  description:
    "Who an invitation is for, as the coordinator of the request's network sees them in the list: the name. Reading it is audited. " +
    "An object of its own (its own `id`, one per invitation), not the member: `memberId` leads to the profile.",
})
export class Invitee {
  @Field(() => ID, {
    description:
      "The invitee's own global id, stable for the invitation (derived from its id) and never the member's id; `node(id:)` finds it " +
      "for the coordinators who may read the invitation.",
  })
  id!: string;

  tenantId!: string;

  @Field(() => ID, { description: "The member's id, for `member(id:)` (the profile) and `inviteMembers`." })
  memberId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;
}

@ObjectType({ description: "Coordinators: a member's personal invitation to a request, and its answer." })
export class Invitation {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  requestId!: string;
  memberId!: string;

  @Field(() => InvitationStatus, { description: "As of now: an unanswered invitation past `expiresAt` is EXPIRED." })
  status!: InvitationStatus;

  @Field(() => String, { nullable: true, description: "The coordinator's personal message." })
  message!: string | null;

  @Field(() => Date)
  invitedAt!: Date;

  @Field(() => Date)
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => String, { nullable: true, description: "The contact-sharing text version the member consented to on acceptance." })
  contactConsentVersion!: string | null;

  @Field(() => Date, { nullable: true, description: "When the member withdrew that consent; the unit no longer sees their details." })
  contactConsentWithdrawnAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Since when the unit may see the member's contact details." })
  contactReleasedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: "The assignment an acceptance created." })
  assignmentId!: string | null;

  @Field(() => AnswerChannel, {
    nullable: true,
    description:
      "Set when a coordinator recorded the answer on the member's behalf: how the member answered. Null when answered in the app.",
  })
  answerChannel!: AnswerChannel | null;

  @Field(() => String, { nullable: true, description: "The role of whoever recorded the answer on the member's behalf (COORDINATOR)." })
  answerRecordedByRole!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => Invitee)
  invitee!: Invitee;

  @Field(() => Int, { nullable: true, description: "1 for the first on the waiting list; null when not waiting." })
  waitlistPosition?: number | null;
}

@ObjectType({ description: "A date and place of the assignment as the invited member sees it." })
export class BriefOccasion {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => Date)
  endsAt!: Date;

  @Field(() => String, { nullable: true })
  place!: string | null;

  @Field(() => String, { nullable: true, description: "The meeting link of a digital occasion; shown once the member holds a place." })
  digitalLink!: string | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;
}

/**
 * The assignment description a member is asked about (Kalmar sends it to the participant "som uppdragsbeskrivning"):
 * what the unit asks of them, when and where. Nothing of the unit's internal handling (cost centre, other people
 * asked, notes, the request's status history) is in it.
 */
@ObjectType({ description: "What the unit asks of the member: the assignment description, its occasions and place." })
export class AssignmentBrief {
  @Field(() => ID, { description: "The request's id." })
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => String, { nullable: true })
  expectations!: string | null;

  @Field(() => AssignmentLength)
  assignmentLength!: AssignmentLength;

  @Field(() => String, { nullable: true, description: "Who else is in the room." })
  audienceDescription!: string | null;

  @Field(() => Int, { nullable: true })
  audienceSize!: number | null;

  @Field(() => String, { nullable: true })
  preparation!: string | null;

  @Field(() => String, { nullable: true })
  specialRequirements!: string | null;

  @Field(() => String, { nullable: true })
  compensationOffered!: string | null;

  @Field(() => String, { description: "The unit that asks." })
  unitName!: string;

  @Field(() => String, { description: "The network that asks on the unit's behalf." })
  networkName!: string;

  @Field(() => [BriefOccasion])
  occasions!: BriefOccasion[];
}

@ObjectType({ description: "Members: an invitation to you, with the assignment it is about." })
export class MyInvitation {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  requestId!: string;

  @Field(() => InvitationStatus, { description: "As of now: an unanswered invitation past `expiresAt` is EXPIRED." })
  status!: InvitationStatus;

  @Field(() => String, { nullable: true, description: "The coordinator's personal message." })
  message!: string | null;

  @Field(() => Date)
  invitedAt!: Date;

  @Field(() => Date, { description: "Answer before this moment." })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  respondedAt!: Date | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => Boolean, { description: "Whether the unit may now see your name, e-mail and phone for this assignment." })
  contactShared!: boolean;

  @Field(() => ID, { nullable: true, description: "Your assignment, once you hold a place." })
  assignmentId!: string | null;

  @Field(() => AnswerChannel, {
    nullable: true,
    description:
      "Set when a coordinator recorded the answer on the member's behalf: how the member answered. Null when answered in the app.",
  })
  answerChannel!: AnswerChannel | null;

  @Field(() => String, { nullable: true, description: "The role of whoever recorded the answer on the member's behalf (COORDINATOR)." })
  answerRecordedByRole!: string | null;

  @Field(() => Int, { nullable: true, description: "1 when you are first on the waiting list; null when not waiting." })
  waitlistPosition?: number | null;

  @Field(() => AssignmentBrief, { nullable: true, description: "The request as you see it: what, when and where." })
  request?: AssignmentBrief | null;
}

/**
 * What a unit sees of a participant who accepted and consented to sharing their contact details for this request:
 * name, e-mail and phone. Deliberately not the Member type, so experiences, birth date and other assignments have
 * no path to a unit.
 */
@ObjectType({ description: "A participant's contact details, released to the unit after the participant accepted and consented." })
export class ReleasedContact {
  @Field(() => ID, { description: "The participant's assignment in this request (for attendance and agreement)." })
  assignmentId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "E.164." })
  phone!: string | null;

  @Field(() => [RepresentedOrganisation], {
    description:
      "The patient or user organisations the participant has a confirmed mandate to represent, current today and covering this request's network and assignment type (VGR). Released with the contact, and only with it.",
  })
  representing!: RepresentedOrganisation[];
}

export const InvitationConnection = Connection(Invitation, "Invitation");
export const MyInvitationConnection = Connection(MyInvitation, "MyInvitation");
