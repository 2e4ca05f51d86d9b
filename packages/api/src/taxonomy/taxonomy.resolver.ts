import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { ExperienceTag } from "../member/member.type.js";
import { Tenant } from "../tenant/tenant.type.js";
import { CreateExperienceTagInput, RetireExperienceTagInput, UpdateExperienceTagInput } from "./taxonomy.input.js";
import { CreateExperienceTagPayload, RetireExperienceTagPayload, UpdateExperienceTagPayload } from "./taxonomy.payload.js";
import {
  changeExperienceTag,
  createExperienceTag,
  getExperienceTag,
  getExperienceTaxonomy,
  listExperienceTagsForAdmin,
  retireExperienceTag,
  sortedChildren,
} from "./taxonomy.service.js";
import { ExperienceTagConnection, type TaxonomyTag } from "./taxonomy.type.js";

@Resolver(() => ExperienceTag)
export class TaxonomyResolver {
  @Query(() => ExperienceTag, { nullable: true, description: "Tenant admin: a tag of your tenant's experience taxonomy, retired or not." })
  experienceTag(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<TaxonomyTag | null> {
    return getExperienceTag(ctx, id);
  }

  @Query(() => ExperienceTagConnection, {
    description: "Tenant admin: the tags of your tenant's taxonomy, or the tags directly under one.",
  })
  experienceTags(
    @Arg("parentId", () => ID, { nullable: true }) parentId: string | null,
    @Arg("includeRetired", () => Boolean, { defaultValue: false }) includeRetired: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return listExperienceTagsForAdmin(ctx, { includeRetired, parentId: parentId ?? null }, page);
  }

  @FieldResolver(() => Date, { nullable: true, description: "Set when the tag was retired: kept on members, no longer offered." })
  async retiredAt(@Root() tag: TaxonomyTag, @Ctx() ctx: RequestContext): Promise<Date | null> {
    if (tag.retiredAt !== undefined) return tag.retiredAt;
    return (await ctx.loaders(tag.tenantId).experienceTagRecordById.load(tag.id))?.retiredAt ?? null;
  }

  @FieldResolver(() => Int, { description: "Send it back as `expectedVersion` when changing or retiring the tag." })
  async version(@Root() tag: TaxonomyTag, @Ctx() ctx: RequestContext): Promise<number> {
    if (tag.version !== undefined) return tag.version;
    return (await ctx.loaders(tag.tenantId).experienceTagRecordById.load(tag.id))?.version ?? 1;
  }

  @FieldResolver(() => [ExperienceTag], { description: "The narrower tags directly under this one, in alphabetical order." })
  async children(
    @Root() tag: TaxonomyTag,
    @Arg("includeRetired", () => Boolean, { defaultValue: false, description: "Also tags no longer offered." }) includeRetired: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<TaxonomyTag[]> {
    if (tag.children && !includeRetired) return tag.children;
    const rows = await ctx.loaders(tag.tenantId).experienceTagChildrenByParentId.load(tag.id);
    return sortedChildren(rows, includeRetired, ctx.locale);
  }

  @Mutation(() => CreateExperienceTagPayload, { description: "Tenant admin: add a tag to the experience taxonomy." })
  createExperienceTag(
    @Arg("input", () => CreateExperienceTagInput) input: CreateExperienceTagInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateExperienceTagPayload> {
    return createExperienceTag(ctx, input);
  }

  @Mutation(() => UpdateExperienceTagPayload, { description: "Tenant admin: relabel a tag, or move it under another one." })
  updateExperienceTag(
    @Arg("input", () => UpdateExperienceTagInput) input: UpdateExperienceTagInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateExperienceTagPayload> {
    return changeExperienceTag(ctx, input);
  }

  @Mutation(() => RetireExperienceTagPayload, { description: "Tenant admin: stop offering a tag and the tags under it." })
  retireExperienceTag(
    @Arg("input", () => RetireExperienceTagInput) input: RetireExperienceTagInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RetireExperienceTagPayload> {
    return retireExperienceTag(ctx, input);
  }
}

@Resolver(() => Tenant)
export class TenantTaxonomyResolver {
  @FieldResolver(() => [ExperienceTag], {
    description:
      "Public: the experience taxonomy forms offer, as a tree of top-level tags with their `children`, labels in the request's language.",
  })
  experienceTaxonomy(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<TaxonomyTag[]> {
    return getExperienceTaxonomy(ctx, tenant.id);
  }
}
