import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { IssueClaimCodeInput, UnlinkMemberLoginInput, UnlinkStaffLoginInput } from "./login.input.js";
import { ClaimAccountPayload, IssueClaimCodePayload, UnlinkLoginPayload, UnlinkStaffLoginPayload } from "./login.payload.js";
import {
  claimAccount,
  issueClaimCode,
  listLoginsOfMember,
  listLoginsOfStaffUser,
  listMyLogins,
  removeMyLogin,
  unlinkLoginOfMember,
  unlinkLoginOfStaffUser,
} from "./login.service.js";
import { LinkedLogin } from "./login.type.js";

@Resolver(() => LinkedLogin)
export class LoginResolver {
  @Query(() => [LinkedLogin], { description: "Member: the logins linked to you." })
  myLogins(@Ctx() ctx: RequestContext): Promise<LinkedLogin[]> {
    return listMyLogins(ctx);
  }

  @Mutation(() => UnlinkLoginPayload, { description: "Member: remove one of your linked logins (audited)." })
  removeMyLogin(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext) {
    return removeMyLogin(ctx, id);
  }

  @Query(() => [LinkedLogin], { description: "Coordinator: the logins linked to a member of your networks." })
  memberLogins(@Arg("memberId", () => ID) memberId: string, @Ctx() ctx: RequestContext): Promise<LinkedLogin[]> {
    return listLoginsOfMember(ctx, memberId);
  }

  @Mutation(() => UnlinkLoginPayload, { description: "Coordinator: unlink a member's lost login (audited, shown to the member)." })
  unlinkMemberLogin(@Arg("input", () => UnlinkMemberLoginInput) input: UnlinkMemberLoginInput, @Ctx() ctx: RequestContext) {
    return unlinkLoginOfMember(ctx, input.memberId, input.loginId);
  }

  @Query(() => [LinkedLogin], { description: "Tenant admin: the logins linked to one of your staff users." })
  staffUserLogins(@Arg("staffUserId", () => ID) staffUserId: string, @Ctx() ctx: RequestContext): Promise<LinkedLogin[]> {
    return listLoginsOfStaffUser(ctx, staffUserId);
  }

  @Mutation(() => UnlinkStaffLoginPayload, {
    description:
      "Tenant admin: unlink a staff user's lost or wrong login (audited); it signs in as no one afterwards, the grants stay. `reopenInvitation` lets the invitation link the next login with the invited identifier.",
  })
  unlinkStaffLogin(@Arg("input", () => UnlinkStaffLoginInput) input: UnlinkStaffLoginInput, @Ctx() ctx: RequestContext) {
    return unlinkLoginOfStaffUser(ctx, input);
  }

  @Mutation(() => IssueClaimCodePayload, {
    description: "Coordinator: a single-use, expiring code with which a member registered by post or phone links their login.",
  })
  issueClaimCode(@Arg("input", () => IssueClaimCodeInput) input: IssueClaimCodeInput, @Ctx() ctx: RequestContext) {
    return issueClaimCode(ctx, input.memberId, input.channel);
  }

  @Mutation(() => ClaimAccountPayload, {
    description: "Signed in, not yet linked: link your login to the member the claim code was issued for (once; rate limited).",
  })
  claimAccount(@Arg("code", () => String) code: string, @Ctx() ctx: RequestContext) {
    return claimAccount(ctx, code);
  }
}
