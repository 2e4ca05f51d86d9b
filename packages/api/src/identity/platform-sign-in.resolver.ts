import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { PlatformSignIn } from "./platform-sign-in.type.js";

@Resolver(() => PlatformSignIn)
export class PlatformSignInResolver {
  @Query(() => PlatformSignIn, {
    nullable: true,
    description: "Public: where platform operators sign in with a browser; null when the platform issuer has no browser client.",
  })
  platformSignIn(@Ctx() ctx: RequestContext): PlatformSignIn | null {
    return ctx.platformSignIn;
  }
}
