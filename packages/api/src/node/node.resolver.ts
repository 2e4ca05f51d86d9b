import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { resolveNodes } from "./node.service.js";
import { Node } from "./node.type.js";

@Resolver(() => Node)
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "Any object implementing `Node`, by its id, as its own field would answer it (`request(id:)`, `member(id:)`, …): null " +
      "when it does not exist, belongs to another tenant or is not yours to read.",
  })
  async node(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<object | null> {
    const [node] = await resolveNodes(ctx, info, [id]);
    return node ?? null;
  }

  @Query(() => [Node], { nullable: "items", description: "`node` for up to 100 ids at once, in the order given." })
  nodes(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<(object | null)[]> {
    return resolveNodes(ctx, info, ids);
  }
}
