import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Perspective } from "../member/member.type.js";
import { Node } from "../node/node.type.js";

export enum RequestStatus {
  SUBMITTED = "SUBMITTED",
  MATCHING = "MATCHING",
  PARTLY_FILLED = "PARTLY_FILLED",
  FILLED = "FILLED",
  CARRIED_OUT = "CARRIED_OUT",
  FOLLOWED_UP = "FOLLOWED_UP",
  DECLINED = "DECLINED",
  CANCELLED = "CANCELLED",
}
registerEnumType(RequestStatus, {
  name: "RequestStatus",
  description: "SUBMITTED → MATCHING → PARTLY_FILLED → FILLED → CARRIED_OUT → FOLLOWED_UP (closed); or DECLINED / CANCELLED with a reason.",
});

export enum AssignmentLength {
  ONE_OFF = "ONE_OFF",
  LONG_TERM = "LONG_TERM",
}
registerEnumType(AssignmentLength, {
  name: "AssignmentLength",
  description: "ONE_OFF: a single occasion or a few; LONG_TERM: over a longer period, with a written agreement signed by both.",
});

@ObjectType({ description: "The person at the unit the participants and the coordinator talk to about the request." })
export class RequestContactPerson {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

/**
 * An uppdragsförfrågan. Other features add field resolvers on it (`invitations`, `participants`, `candidates`)
 * with `@Resolver(() => RequestType)`; the class carries the row's ids so they can load what they need.
 */
@ObjectType("Request", { implements: Node, description: "A unit's request for participation (uppdragsförfrågan) to a network." })
export class RequestType {
  @Field(() => ID)
  id!: string;

  tenantId!: string;

  @Field(() => ID)
  networkId!: string;

  @Field(() => ID)
  unitId!: string;

  /** The staff user who submitted it; null for requests entered on someone's behalf. */
  requestedById!: string | null;

  assignmentTypeId!: string;

  costCentreId!: string | null;

  @Field(() => RequestContactPerson)
  contactPerson!: RequestContactPerson;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => String, { nullable: true })
  expectations!: string | null;

  @Field(() => String, { nullable: true, description: "The experience sought in the unit's own words." })
  experienceText!: string | null;

  @Field(() => [String], { description: "Competences sought in the unit's own words." })
  competencesSought!: string[];

  @Field(() => [Perspective])
  perspectivesSought!: Perspective[];

  @Field(() => Int)
  numberOfPersons!: number;

  @Field(() => AssignmentLength)
  assignmentLength!: AssignmentLength;

  @Field(() => String, { nullable: true, description: "Who else is in the room." })
  audienceDescription!: string | null;

  @Field(() => Int, { nullable: true })
  audienceSize!: number | null;

  @Field(() => String, { nullable: true, description: "Any nomination, interview or selection process and its criteria." })
  selectionProcess!: string | null;

  @Field(() => String, { nullable: true })
  specialRequirements!: string | null;

  @Field(() => String, { nullable: true })
  preparation!: string | null;

  @Field(() => String, { nullable: true })
  compensationOffered!: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The version of the network's request form the request was (last) answered on; null for direct bookings and requests from before forms had versions. A later version of the form does not change the request.",
  })
  requestFormVersion!: number | null;

  /** The stored answers to the form's region questions; read through the `answers` field resolver. */
  answersJson!: unknown;

  @Field(() => Boolean, {
    description: "The unit recruited the participant itself and recorded the participation (direct booking) for fees and statistics.",
  })
  directRecruitment!: boolean;

  @Field(() => RequestStatus)
  status!: RequestStatus;

  @Field(() => String, { nullable: true, description: "Why the request was declined or cancelled." })
  statusReason!: string | null;

  @Field(() => Date)
  submittedAt!: Date;

  @Field(() => Date, { nullable: true })
  filledAt!: Date | null;

  @Field(() => Date, { nullable: true })
  carriedOutAt!: Date | null;

  @Field(() => Date, { nullable: true })
  followedUpAt!: Date | null;

  /** Read through a field resolver: only the network's coordinators and tenant admins see the note. */
  followUpNote!: string | null;

  @Field(() => Date, { nullable: true, description: "Set when the request can no longer change: followed up, declined or cancelled." })
  closedAt!: Date | null;

  @Field(() => Date)
  updatedAt!: Date;

  @Field(() => Int, { description: "Send it back as `expectedVersion` when changing the request." })
  version!: number;
}

export const RequestConnection = Connection(RequestType, "Request");

@ObjectType("RequestEvent", { description: "A status change of a request, with its reason." })
export class RequestEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => RequestStatus, { nullable: true, description: "Null for the submission itself." })
  fromStatus!: RequestStatus | null;

  @Field(() => RequestStatus)
  toStatus!: RequestStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Date)
  at!: Date;
}
