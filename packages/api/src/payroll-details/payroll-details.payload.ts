import {
  BANK_ACCOUNT_MESSAGES,
  type BankAccountProblem as DomainBankAccountProblem,
  EMPLOYEE_NUMBER_MESSAGES,
  EMPLOYEE_NUMBER_TAKEN_MESSAGE,
  type Locale,
} from "@medverkan/domain";
import { createUnionType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ErrorResult, errorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { Member } from "../member/member.type.js";

export enum BankAccountProblem {
  FORMAT = "FORMAT",
  UNKNOWN_CLEARING_NUMBER = "UNKNOWN_CLEARING_NUMBER",
  INVALID_ACCOUNT_NUMBER = "INVALID_ACCOUNT_NUMBER",
}
registerEnumType(BankAccountProblem, {
  name: "BankAccountProblem",
  description:
    "Why a bank account was refused (Bankgirot's rules for Swedish accounts): not digits, no bank has the clearing number (or Swedbank's fifth clearing digit is wrong), or the account number has the wrong length or check digit for that bank.",
});

@ObjectType({ implements: ErrorResult, description: "The bank account is not a valid Swedish account. The number is never repeated." })
export class InvalidBankAccount extends ErrorResult {
  @Field(() => BankAccountProblem)
  problem!: BankAccountProblem;
}

@ObjectType({ implements: ErrorResult, description: "The employee number has characters or a length a payroll system cannot take." })
export class InvalidEmployeeNumber extends ErrorResult {}

@ObjectType({ implements: ErrorResult, description: "Another member of the tenant already has the employee number." })
export class EmployeeNumberTaken extends ErrorResult {}

export const invalidBankAccount = (problem: DomainBankAccountProblem, locale: Locale): InvalidBankAccount =>
  errorResult(InvalidBankAccount, "INVALID_BANK_ACCOUNT", BANK_ACCOUNT_MESSAGES[problem], locale, {
    problem: problem as BankAccountProblem,
  });

export const invalidEmployeeNumber = (locale: Locale): InvalidEmployeeNumber =>
  errorResult(InvalidEmployeeNumber, "INVALID_EMPLOYEE_NUMBER", EMPLOYEE_NUMBER_MESSAGES.FORMAT, locale);

export const employeeNumberTaken = (locale: Locale): EmployeeNumberTaken =>
  errorResult(EmployeeNumberTaken, "EMPLOYEE_NUMBER_TAKEN", EMPLOYEE_NUMBER_TAKEN_MESSAGE, locale);

export const SetMyBankAccountError = createUnionType({
  name: "SetMyBankAccountError",
  types: () => [NotFound, InvalidBankAccount] as const,
});

export const SetMemberPayrollDetailsError = createUnionType({
  name: "SetMemberPayrollDetailsError",
  types: () => [NotFound, InvalidBankAccount, InvalidEmployeeNumber, EmployeeNumberTaken] as const,
});

@ObjectType()
export class SetMyBankAccountPayload {
  @Field(() => Member, { nullable: true, description: "Your profile, with the account masked; null when nothing was changed." })
  member!: Member | null;

  @Field(() => [SetMyBankAccountError])
  errors!: Array<typeof SetMyBankAccountError>;
}

@ObjectType({
  description:
    "What the payroll office needs to pay a member, as staff may see it: the employee number and the bank account masked (the full account goes only into the payroll file).",
})
export class MemberPayrollDetails {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String, { nullable: true, description: "Anställningsnummer in the region's payroll system." })
  employeeNumber!: string | null;

  @Field(() => String, { nullable: true, description: "Masked: the clearing number and the last four digits, e.g. `8327-9, ••••••1117`." })
  bankAccount!: string | null;

  @Field(() => Int, { description: "The member's version after the change: send it back as `expectedVersion`." })
  version!: number;
}

@ObjectType()
export class SetMemberPayrollDetailsPayload {
  @Field(() => MemberPayrollDetails, { nullable: true, description: "The member's payroll details as they are now." })
  payrollDetails!: MemberPayrollDetails | null;

  @Field(() => [SetMemberPayrollDetailsError])
  errors!: Array<typeof SetMemberPayrollDetailsError>;
}
