import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/pagination/connection.js";
import { Money } from "../fee-schedule/money.type.js";
import { Node } from "../node/node.type.js";

export enum PayrollExportStatus {
  SENT = "SENT",
  PAID = "PAID",
}
registerEnumType(PayrollExportStatus, {
  name: "PayrollExportStatus",
  description: "SENT: with the payroll office. PAID: every claim in it is paid.",
});

@ObjectType({ description: "One person's part of a payroll export: totals and a printable summary." })
export class PayrollPersonSummary {
  @Field(() => ID, { description: "The platform's person reference (the first CSV column)." })
  personReference!: string;

  @Field(() => String)
  personName!: string;

  @Field(() => Int)
  claimCount!: number;

  @Field(() => Money, { description: "Fees and paid preparation: the taxable part." })
  gross!: Money;

  @Field(() => Money)
  mileage!: Money;

  @Field(() => Money)
  expenses!: Money;

  @Field(() => Money)
  withholding!: Money;

  @Field(() => Money)
  net!: Money;

  @Field(() => String, { description: "Printable plain text, one line per occasion and the totals, in the request's language." })
  text!: string;

  @Field(() => String, { nullable: true, description: "Anställningsnummer the payroll file carries for the person." })
  employeeNumber!: string | null;

  @Field(() => Boolean, {
    description:
      "Whether the payroll file carries the person's personal identity number (where the region records them). The number itself is only in the file.",
  })
  hasPersonalIdentityNumber!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the region pays to a registered account: the account the file carries, masked (`8327-9, ••••••1117`); null when none is registered.",
  })
  bankAccount!: string | null;

  @Field(() => Boolean, {
    description:
      "True when the person has neither an employee number nor a personal identity number: a payroll system cannot match them (add an employee number with `setMemberPayrollDetails`).",
  })
  payrollIdentityMissing!: boolean;
}

@ObjectType({
  implements: Node,
  description:
    "A batch of attested fee claims of one period sent to one payer's payroll. Every claim in it is SENT_TO_PAYROLL (or PAID) and " +
    "belongs to no other export, so nothing is paid twice.",
})
export class PayrollExport {
  @Field(() => ID)
  id!: string;

  tenantId!: string;
  /** Networks of the claims in the export: who besides tenant admins may read it. */
  networkIds!: string[];

  @Field(() => String, { description: "ISO date: occasions on or after." })
  periodFrom!: string;

  @Field(() => String, { description: "ISO date: occasions on or before." })
  periodTo!: string;

  @Field(() => ID, { nullable: true })
  payerOrganisationId!: string | null;

  @Field(() => String, { nullable: true })
  payerName!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => PayrollExportStatus)
  status!: PayrollExportStatus;

  @Field(() => Date, { nullable: true, description: "When the last claim of the export was paid." })
  paidAt!: Date | null;

  @Field(() => Int)
  claimCount!: number;

  @Field(() => [ID])
  claimIds!: string[];

  @Field(() => Money)
  gross!: Money;

  @Field(() => Money)
  withholding!: Money;

  @Field(() => Money)
  net!: Money;
}

export const PayrollExportConnection = Connection(PayrollExport, "PayrollExport");

@InputType()
export class CreatePayrollExportInput {
  @Field(() => String, { description: "ISO date: attested claims of occasions on or after." })
  periodFrom!: string;

  @Field(() => String, { description: "ISO date: attested claims of occasions on or before." })
  periodTo!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The paying organisation (e.g. a municipality that pays its own participants); left out, the region's payroll.",
  })
  payerOrganisationId?: string | null;
}

@InputType()
export class MarkPayrollExportPaidInput {
  @Field(() => ID)
  id!: string;
}
