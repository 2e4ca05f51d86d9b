import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import {
  CorrectFeeClaimInput,
  FeeClaimActionInput,
  PrepareFeeClaimsInput,
  RecordPaperSignedFeeClaimInput,
  RejectFeeClaimInput,
  UpdateFeeClaimInput,
} from "./fee-claim.input.js";
import { CorrectFeeClaimPayload, FeeClaimStepPayload, PrepareFeeClaimsPayload, UpdateFeeClaimPayload } from "./fee-claim.payload.js";
import {
  attestFeeClaim,
  correctFeeClaim,
  getClaimHistory,
  getFeeClaim,
  listFeeClaims,
  listMyFeeClaims,
  prepareFeeClaims,
  recordPaperSignedFeeClaim,
  rejectFeeClaim,
  submitFeeClaim,
  updateFeeClaim,
} from "./fee-claim.service.js";
import { FeeClaim, FeeClaimConnection, FeeClaimFilter, FeeClaimOrderBy } from "./fee-claim.type.js";

@Resolver(() => FeeClaim)
export class FeeClaimResolver {
  @Query(() => FeeClaimConnection, { description: "Members: every fee claim of yours, whatever its status, with its amounts." })
  myFeeClaims(
    @Arg("orderBy", () => FeeClaimOrderBy, { nullable: true }) orderBy: FeeClaimOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listMyFeeClaims(ctx, page, orderBy);
  }

  @Query(() => FeeClaimConnection, {
    description:
      "Coordinators: claims of the networks you coordinate. Requesters: your unit's claims (to fill in; attesting follows the tenant's setting). Audited.",
  })
  feeClaims(
    @Arg("filter", () => FeeClaimFilter, { nullable: true }) filter: FeeClaimFilter | null,
    @Arg("orderBy", () => FeeClaimOrderBy, { nullable: true }) orderBy: FeeClaimOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listFeeClaims(ctx, filter, page, orderBy);
  }

  @Query(() => FeeClaim, { nullable: true, description: "One claim you may see; any other reads as none." })
  feeClaim(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FeeClaim | null> {
    return getFeeClaim(ctx, id);
  }

  @Mutation(() => PrepareFeeClaimsPayload, {
    description:
      "Coordinators and the unit's requesters: a draft claim for every participant who attended the occasion. Safe to repeat: " +
      "participants who already have a claim get no second one.",
  })
  prepareFeeClaims(
    @Arg("input", () => PrepareFeeClaimsInput) input: PrepareFeeClaimsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PrepareFeeClaimsPayload> {
    return prepareFeeClaims(ctx, input.occasionId);
  }

  @Mutation(() => UpdateFeeClaimPayload, {
    description: "Change a draft (or rejected) claim: mileage, expenses, agreed preparation, the hourly rate. Amounts are recomputed.",
  })
  updateFeeClaim(
    @Arg("input", () => UpdateFeeClaimInput) input: UpdateFeeClaimInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateFeeClaimPayload> {
    return updateFeeClaim(ctx, input);
  }

  @Mutation(() => FeeClaimStepPayload, {
    description:
      "Coordinators of the claim's network: record that the participant signed the claim's figures on a paper form (the " +
      "participant's confirmation step, with the date signed). The participant sees that it was recorded on paper by a coordinator.",
  })
  recordPaperSignedFeeClaim(
    @Arg("input", () => RecordPaperSignedFeeClaimInput) input: RecordPaperSignedFeeClaimInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeClaimStepPayload> {
    return recordPaperSignedFeeClaim(ctx, input);
  }

  @Mutation(() => FeeClaimStepPayload, { description: "The participant confirms the claim's figures (signs the form)." })
  submitFeeClaim(
    @Arg("input", () => FeeClaimActionInput) input: FeeClaimActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeClaimStepPayload> {
    return submitFeeClaim(ctx, input);
  }

  @Mutation(() => FeeClaimStepPayload, {
    description:
      "Attest a submitted claim: the unit's requester or the network's coordinator, as the tenant configures. Freezes the amounts.",
  })
  attestFeeClaim(
    @Arg("input", () => FeeClaimActionInput) input: FeeClaimActionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeClaimStepPayload> {
    return attestFeeClaim(ctx, input);
  }

  @Mutation(() => FeeClaimStepPayload, {
    description: "Send a submitted claim back with a reason; it can be corrected and submitted again.",
  })
  rejectFeeClaim(
    @Arg("input", () => RejectFeeClaimInput) input: RejectFeeClaimInput,
    @Ctx() ctx: RequestContext,
  ): Promise<FeeClaimStepPayload> {
    return rejectFeeClaim(ctx, input);
  }

  @Mutation(() => CorrectFeeClaimPayload, {
    description: "Correct an attested claim not yet sent to payroll: a new version (a draft) supersedes it; the old one stays as history.",
  })
  correctFeeClaim(
    @Arg("input", () => CorrectFeeClaimInput) input: CorrectFeeClaimInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CorrectFeeClaimPayload> {
    return correctFeeClaim(ctx, input);
  }

  @FieldResolver(() => [FeeClaim], { description: "The attested versions this claim corrects, newest first." })
  history(@Root() claim: FeeClaim, @Ctx() ctx: RequestContext): Promise<FeeClaim[]> {
    return getClaimHistory(ctx, claim);
  }
}
