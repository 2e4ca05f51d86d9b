import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { OrderByInput, type OrderByValue, SortDirection, type Sorting } from "../common/pagination/ordering.js";
import { AnswerChannel, type Invitation, InvitationStatus } from "./invitation.type.js";

@InputType({ description: "Coordinators: ask members of the request's network personally. More people than asked for may be invited." })
export class InviteMembersInput {
  @Field(() => ID)
  requestId!: string;

  @Field(() => [ID], { description: "The members to ask (1–50); each one that cannot be asked is reported in `errors`." })
  memberIds!: string[];

  @Field(() => String, { nullable: true, description: "A personal message shown with the invitation." })
  message?: string | null;
}

@InputType({ description: "Members: your answer to an invitation." })
export class RespondToInvitationInput {
  @Field(() => ID)
  invitationId!: string;

  @Field(() => Boolean)
  accept!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Required to accept: `Tenant.currentConsentText(kind: CONTACT_SHARING).version`, the text you agreed to — that your name, " +
      "e-mail and phone are shared with the requesting unit for this request.",
  })
  consentTextVersion?: string | null;

  @Field(() => String, { nullable: true, description: "Optional, when declining." })
  declineReason?: string | null;
}

@InputType({ description: "Members: leave an assignment you accepted (or your place on its waiting list)." })
export class WithdrawFromAssignmentInput {
  @Field(() => ID)
  invitationId!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType({ description: "Members: stop sharing your contact details with the unit of this invitation's request." })
export class WithdrawContactSharingConsentInput {
  @Field(() => ID)
  invitationId!: string;
}

@InputType({ description: "Coordinators: take back an invitation not yet answered, or an acceptance on the waiting list." })
export class WithdrawInvitationInput {
  @Field(() => ID)
  invitationId!: string;

  @Field(() => String, { nullable: true, description: "Why (kept in the audit log)." })
  reason?: string | null;
}

@InputType({ description: "Narrows a list of invitations." })
export class InvitationFilter {
  @Field(() => [InvitationStatus], { nullable: true, description: "Only these statuses (as of now)." })
  statuses?: InvitationStatus[] | null;
}

export enum InvitationOrderField {
  CREATED_AT = "CREATED_AT",
  INVITED_AT = "INVITED_AT",
  EXPIRES_AT = "EXPIRES_AT",
}
registerEnumType(InvitationOrderField, {
  name: "InvitationOrderField",
  description: "CREATED_AT: the order invitations were sent (by id); INVITED_AT: when sent; EXPIRES_AT: the answer's deadline.",
});

/** A request's invitations: oldest first by default (today's order). */
export const invitationSorting: Sorting<InvitationOrderField, Invitation> = {
  list: "invitations",
  fields: {
    CREATED_AT: { type: "uuid", key: (invitation) => invitation.id },
    INVITED_AT: { type: "timestamptz", key: (invitation) => invitation.invitedAt },
    EXPIRES_AT: { type: "timestamptz", key: (invitation) => invitation.expiresAt },
  },
  default: { field: InvitationOrderField.CREATED_AT, direction: SortDirection.ASC },
};

export const InvitationOrderBy = OrderByInput("InvitationOrderBy", InvitationOrderField, invitationSorting.default);
export type InvitationOrderBy = OrderByValue<InvitationOrderField>;

@InputType({
  description:
    "Coordinators of the member's network: the answer a member gave by phone, on paper or in person, recorded on their behalf. " +
    "The same rules as the member's own answer; an acceptance needs the contact-sharing consent text version that was read out.",
})
export class RecordInvitationAnswerOnBehalfInput extends RespondToInvitationInput {
  @Field(() => AnswerChannel)
  channel!: AnswerChannel;

  @Field(() => Date, { description: "When the member answered (not in the future)." })
  answeredAt!: Date;
}
