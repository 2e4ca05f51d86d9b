import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { RequestType } from "../request/request.type.js";
import { CandidateFilterInput } from "./matching.input.js";
import { listRequestCandidates } from "./matching.service.js";
import { RequestCandidates } from "./matching.type.js";

const FIRST = { description: `Shortlist length, 1–${MAX_PAGE_SIZE}.` };
const FILTER = { nullable: true, description: "Narrow the pool on profile fields, as the pool search does." };

@Resolver()
export class MatchingResolver {
  @Query(() => RequestCandidates, {
    nullable: true,
    description:
      "Coordinators of the request's network: ranked candidates from the active pool, with the reasons for each rank. " +
      "Each member returned is an audited read. Null when the request does not exist for you.",
  })
  requestCandidates(
    @Arg("requestId", () => ID) requestId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, ...FIRST }) first: number,
    @Arg("filter", () => CandidateFilterInput, FILTER) filter: CandidateFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestCandidates | null> {
    return listRequestCandidates(ctx, requestId, first, filter);
  }
}

@Resolver(() => RequestType)
export class RequestCandidatesResolver {
  @FieldResolver(() => RequestCandidates, {
    nullable: true,
    description: "Coordinators of the request's network: the same as `requestCandidates`; null for everyone else.",
  })
  candidates(
    @Root() request: RequestType,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, ...FIRST }) first: number,
    @Arg("filter", () => CandidateFilterInput, FILTER) filter: CandidateFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RequestCandidates | null> {
    return listRequestCandidates(ctx, request.id, first, filter);
  }
}
