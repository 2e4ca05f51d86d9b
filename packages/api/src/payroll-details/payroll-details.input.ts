import { Field, ID, InputType, Int } from "type-graphql";

@InputType({
  description: "A Swedish bank account: clearing number and account number, as the bank writes them (spaces and hyphens allowed).",
})
export class BankAccountInput {
  @Field(() => String, { description: "Clearingnummer: four digits, Swedbank sometimes five (`8327-9`)." })
  clearingNumber!: string;

  @Field(() => String, { description: "Kontonummer, as the bank numbers the account." })
  accountNumber!: string;
}

@InputType()
export class SetMyBankAccountInput {
  @Field(() => BankAccountInput, { nullable: true, description: "The account fees are paid to; null removes the one registered." })
  bankAccount!: BankAccountInput | null;

  @Field(() => Int, { description: "Your profile's `version` as you last read it." })
  expectedVersion!: number;
}

@InputType()
export class SetMemberPayrollDetailsInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String, {
    nullable: true,
    description: "Anställningsnummer in the region's payroll system; left out: unchanged; null or empty: removed.",
  })
  employeeNumber?: string | null;

  @Field(() => BankAccountInput, { nullable: true, description: "The account fees are paid to; left out: unchanged; null: removed." })
  bankAccount?: BankAccountInput | null;

  @Field(() => Int, { description: "The member's `version` as you last read it." })
  expectedVersion!: number;
}
