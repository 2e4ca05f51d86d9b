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
