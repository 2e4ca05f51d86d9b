import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { RegisterMemberInput } from "./registration.input.js";
import { RegisterMemberPayload } from "./registration.payload.js";
import { registerMember } from "./registration.service.js";

@Resolver()
export class RegistrationResolver {
  @Mutation(() => RegisterMemberPayload, {
    description: "Public: register interest in one or more of a tenant's networks, with consent to processing.",
  })
  registerMember(
    @Arg("input", () => RegisterMemberInput) input: RegisterMemberInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RegisterMemberPayload> {
    return registerMember(ctx, input);
  }
}
