import { createUnionType, Field, ID, InputType, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";

@ObjectType({
  description:
    "A participant from outside the pool that the unit recorded in its own direct booking (where the region allows it: " +
    "`Tenant.allowsParticipantsOutsidePool`). Never compared with the pool; it counts as a participation at once — the " +
    "unit arranged it and knows the person. Seen by the unit and the network's coordinators only; every read is audited.",
})
export class OutsidePoolParticipant {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => String, { nullable: true, description: "Normalised (lower case)." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "Normalised (E.164 where the number allows)." })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: "Free text, e.g. the patient or user organisation the person came through." })
  organisation!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({
  implements: ErrorResult,
  description:
    "The participant cannot be recorded: `code` says why (NOT_ALLOWED_IN_TENANT — the region records participants from its " +
    "pool only; NOT_A_DIRECT_BOOKING — only a direct booking takes them; REQUEST_CLOSED — the request was cancelled or " +
    "closed; TOO_MANY — the request already has the most it takes).",
})
export class OutsidePoolParticipantNotAllowed extends ErrorResult {}

export const AddOutsidePoolParticipantError = createUnionType({
  name: "AddOutsidePoolParticipantError",
  types: () => [NotFound, OutsidePoolParticipantNotAllowed] as const,
});

@ObjectType()
export class AddOutsidePoolParticipantPayload {
  @Field(() => OutsidePoolParticipant, { nullable: true })
  participant!: OutsidePoolParticipant | null;

  @Field(() => [AddOutsidePoolParticipantError])
  errors!: Array<NotFound | OutsidePoolParticipantNotAllowed>;
}

export const RemoveOutsidePoolParticipantError = createUnionType({
  name: "RemoveOutsidePoolParticipantError",
  types: () => [NotFound] as const,
});

@ObjectType()
export class RemoveOutsidePoolParticipantPayload {
  @Field(() => ID, { nullable: true, description: "The id of the record removed (it is deleted, not kept)." })
  removedId!: string | null;

  @Field(() => [RemoveOutsidePoolParticipantError])
  errors!: NotFound[];
}

@InputType()
export class AddOutsidePoolParticipantInput {
  @Field(() => ID, { description: "A direct booking of your own unit (`recordDirectBooking`)." })
  requestId!: string;

  @Field(() => String)
  givenName!: string;

  @Field(() => String)
  familyName!: string;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "Free text, e.g. the patient or user organisation (at most 300 characters)." })
  organisation?: string | null;
}

@InputType()
export class RemoveOutsidePoolParticipantInput {
  @Field(() => ID)
  id!: string;
}
