import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { listVocabulary } from "./vocabulary.service.js";
import { VocabularyEntry } from "./vocabulary.type.js";

@Resolver(() => VocabularyEntry)
export class VocabularyResolver {
  @Query(() => [VocabularyEntry], {
    description:
      "The Swedish and English label of every enum value in this schema (statuses, kinds, codes), for a front end to show. " +
      "Public; `enums` narrows it to some enums by name.",
  })
  vocabulary(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("enums", () => [String], {
      nullable: true,
      description: 'Enum names, e.g. `["RequestStatus", "InvitationStatus"]`; all when absent.',
    })
    enums?: string[] | null,
  ): VocabularyEntry[] {
    return listVocabulary(info.schema, ctx.locale, enums);
  }
}
