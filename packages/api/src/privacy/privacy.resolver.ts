import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { completeDataSubjectRequest, listDataSubjectRequestLog, recordDataSubjectRequest } from "./data-subject-request.service.js";
import {
  CompleteDataSubjectRequestInput,
  DataSubjectRequestFilter,
  EraseMemberInput,
  ExportMemberDataInput,
  LiftRestrictionInput,
  RecordDataSubjectRequestInput,
  RestrictProcessingInput,
} from "./privacy.input.js";
import { DataSubjectRequestPayload, EraseMemberPayload, ExportMemberDataPayload, ProcessingRestrictionPayload } from "./privacy.payload.js";
import { eraseMember, exportMemberData, exportMyData, setProcessingRestriction } from "./privacy.service.js";
import { DataExport, DataSubjectRequestConnection } from "./privacy.type.js";

@Resolver()
export class PrivacyResolver {
  @Query(() => DataExport, { description: "Members: everything held about you, as JSON (GDPR art. 15 and 20). Audited." })
  exportMyData(@Ctx() ctx: RequestContext): Promise<DataExport> {
    return exportMyData(ctx);
  }

  @Mutation(() => ExportMemberDataPayload, {
    description: "Coordinators: export a member's data answering their letter or call (logged as a data-subject request). Audited.",
  })
  exportMemberData(
    @Arg("input", () => ExportMemberDataInput) input: ExportMemberDataInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ExportMemberDataPayload> {
    return exportMemberData(ctx, input);
  }

  @Mutation(() => ProcessingRestrictionPayload, {
    description: "Members (yourself) or coordinators: restrict processing (art. 18). The data is kept; every other use is refused.",
  })
  restrictProcessing(
    @Arg("input", () => RestrictProcessingInput) input: RestrictProcessingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProcessingRestrictionPayload> {
    return setProcessingRestriction(ctx, input, true);
  }

  @Mutation(() => ProcessingRestrictionPayload, { description: "Members (yourself) or coordinators: lift a restriction of processing." })
  liftRestriction(
    @Arg("input", () => LiftRestrictionInput) input: LiftRestrictionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ProcessingRestrictionPayload> {
    return setProcessingRestriction(ctx, input, false);
  }

  @Mutation(() => EraseMemberPayload, {
    description: "Members (yourself) or coordinators: erase a member (art. 17). Statistics keep anonymous facts. Cannot be undone.",
  })
  eraseMember(@Arg("input", () => EraseMemberInput) input: EraseMemberInput, @Ctx() ctx: RequestContext): Promise<EraseMemberPayload> {
    return eraseMember(ctx, input);
  }

  @Query(() => DataSubjectRequestConnection, {
    description: "Coordinators (your networks' members) and tenant admins: data-subject requests with their legal deadlines.",
  })
  dataSubjectRequests(
    @Arg("filter", () => DataSubjectRequestFilter, { nullable: true }) filter: DataSubjectRequestFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listDataSubjectRequestLog(ctx, filter, page);
  }

  @Mutation(() => DataSubjectRequestPayload, { description: "Coordinators: log a request received by letter or phone." })
  recordDataSubjectRequest(
    @Arg("input", () => RecordDataSubjectRequestInput) input: RecordDataSubjectRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DataSubjectRequestPayload> {
    return recordDataSubjectRequest(ctx, input);
  }

  @Mutation(() => DataSubjectRequestPayload, { description: "Coordinators and tenant admins: mark a logged request answered." })
  completeDataSubjectRequest(
    @Arg("input", () => CompleteDataSubjectRequestInput) input: CompleteDataSubjectRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DataSubjectRequestPayload> {
    return completeDataSubjectRequest(ctx, input);
  }
}
