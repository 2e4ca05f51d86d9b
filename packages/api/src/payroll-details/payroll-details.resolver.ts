import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { SetMemberPayrollDetailsInput, SetMyBankAccountInput } from "./payroll-details.input.js";
import { SetMemberPayrollDetailsPayload, SetMyBankAccountPayload } from "./payroll-details.payload.js";
import { setMemberPayrollDetails, setMyBankAccount } from "./payroll-details.service.js";

@Resolver()
export class PayrollDetailsResolver {
  @Mutation(() => SetMyBankAccountPayload, {
    description:
      "Members: register, change or remove the bank account your fees are paid to. Validated by Bankgirot's rules; stored encrypted, shown masked (`Member.bankAccount`).",
  })
  setMyBankAccount(
    @Arg("input", () => SetMyBankAccountInput) input: SetMyBankAccountInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetMyBankAccountPayload> {
    return setMyBankAccount(ctx, input);
  }

  @Mutation(() => SetMemberPayrollDetailsPayload, {
    description:
      "Coordinators (of a network the member is in) and tenant admins: a member's employee number in the payroll system and/or bank account for payment. Audited.",
  })
  setMemberPayrollDetails(
    @Arg("input", () => SetMemberPayrollDetailsInput) input: SetMemberPayrollDetailsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SetMemberPayrollDetailsPayload> {
    return setMemberPayrollDetails(ctx, input);
  }
}
