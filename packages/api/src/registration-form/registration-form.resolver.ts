import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { Tenant } from "../tenant/tenant.type.js";
import { UpdateRegistrationFormInput } from "./registration-form.input.js";
import { UpdateRegistrationFormPayload } from "./registration-form.payload.js";
import { getRegistrationForm, updateRegistrationForm } from "./registration-form.service.js";
import { RegistrationForm } from "./registration-form.type.js";

@Resolver(() => RegistrationForm)
export class RegistrationFormResolver {
  @Mutation(() => UpdateRegistrationFormPayload, {
    description:
      "Tenant admins: replace the region's own registration-form questions (validated, every error at once; `expectedVersion`; audited).",
  })
  updateRegistrationForm(
    @Arg("input", () => UpdateRegistrationFormInput) input: UpdateRegistrationFormInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateRegistrationFormPayload> {
    return updateRegistrationForm(ctx, input);
  }
}

@Resolver(() => Tenant)
export class TenantRegistrationFormResolver {
  @FieldResolver(() => RegistrationForm, {
    description: "Public: the region's own questions on its registration form (answered in `registerMember(input: { answers })`).",
  })
  registrationForm(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<RegistrationForm> {
    return getRegistrationForm(ctx, tenant.id);
  }
}
