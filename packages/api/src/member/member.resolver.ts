import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { Network } from "../network/network.type.js";
import { MemberOrderBy, MemberSearchInput } from "./member.input.js";
import { getMember, listPool, memberAgeBand, visibleMemberships } from "./member.service.js";
import { AgeBand, ExperienceTag, Member, MemberConnection, Membership, MembershipStatus } from "./member.type.js";

@Resolver(() => Member)
export class MemberResolver {
  @Query(() => Member, { nullable: true, description: "Coordinators: a member of a network you coordinate. Audited." })
  member(
    @Arg("id", () => ID) id: string,
    @Arg("purpose", () => String, { nullable: true, description: "Why you read this (kept in the audit log)." }) purpose: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Member | null> {
    return getMember(ctx, id, purpose);
  }

  @Query(() => MemberConnection, { description: "Coordinators: the pool of the networks you coordinate. Audited." })
  members(
    @Arg("networkId", () => ID, { nullable: true }) networkId: string | null,
    @Arg("status", () => MembershipStatus, { nullable: true }) status: MembershipStatus | null,
    @Arg("filter", () => MemberSearchInput, { nullable: true, description: "Search on any profile field." })
    filter: MemberSearchInput | null,
    @Arg("orderBy", () => MemberOrderBy, { nullable: true }) orderBy: MemberOrderBy | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listPool(ctx, { networkId, status, filter }, page, orderBy);
  }

  @FieldResolver(() => AgeBand, { nullable: true })
  ageBand(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<AgeBand | null> {
    return memberAgeBand(ctx, member);
  }

  @FieldResolver(() => [Membership])
  async memberships(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<Membership[]> {
    const rows = visibleMemberships(ctx, member.id, await ctx.loaders(member.tenantId).membershipsByMemberId.load(member.id));
    return rows.map((row) => ({ ...row, status: row.status as MembershipStatus, channel: row.channel as Membership["channel"] }));
  }

  @FieldResolver(() => [ExperienceTag])
  async experiences(@Root() member: Member, @Ctx() ctx: RequestContext): Promise<ExperienceTag[]> {
    const tags = await ctx.loaders(member.tenantId).experienceTagsByMemberId.load(member.id);
    return tags.map((tag) => toExperienceTag(tag, member.tenantId, ctx));
  }
}

function toExperienceTag(tag: Omit<ExperienceTag, "label" | "tenantId">, tenantId: string, ctx: RequestContext): ExperienceTag {
  return { ...tag, tenantId, label: ctx.locale === "en" ? tag.labelEn : tag.labelSv };
}

@Resolver(() => ExperienceTag)
export class ExperienceTagResolver {
  @FieldResolver(() => ExperienceTag, { nullable: true })
  async parent(@Root() tag: ExperienceTag, @Ctx() ctx: RequestContext): Promise<ExperienceTag | null> {
    if (!tag.parentId) return null;
    const parent = await ctx.loaders(tag.tenantId).experienceTagById.load(tag.parentId);
    return parent ? toExperienceTag(parent, tag.tenantId, ctx) : null;
  }
}

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Network, { nullable: true })
  network(@Root() membership: Membership, @Ctx() ctx: RequestContext) {
    return ctx.loaders(membership.tenantId).networkById.load(membership.networkId);
  }
}
