import { Field, ID, InputType } from "type-graphql";
import { ClaimCodeChannel } from "./login.type.js";

@InputType()
export class IssueClaimCodeInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => ClaimCodeChannel)
  channel!: ClaimCodeChannel;
}

@InputType()
export class UnlinkMemberLoginInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => ID)
  loginId!: string;
}

@InputType()
export class UnlinkStaffLoginInput {
  @Field(() => ID)
  staffUserId!: string;

  @Field(() => ID)
  loginId!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "Also reopen the staff user's invitation, so the next login whose identifier claim equals the invited HSA-id or e-mail is linked (a new card). Only for an invited staff user whose invitation was used.",
  })
  reopenInvitation!: boolean;
}
