import { createUnionType, Field, ObjectType } from "type-graphql";
import { ErrorResult } from "../common/errors/error-result.js";
import { NotFound } from "../common/errors/not-found.js";
import { PayrollExport } from "./payroll.type.js";

@ObjectType({ implements: ErrorResult, description: "No attested claim of the period waits for this payer: nothing was exported." })
export class NothingToExport extends ErrorResult {}

export const CreatePayrollExportError = createUnionType({
  name: "CreatePayrollExportError",
  types: () => [NotFound, NothingToExport] as const,
});
export const MarkPayrollExportPaidError = createUnionType({ name: "MarkPayrollExportPaidError", types: () => [NotFound] as const });

@ObjectType()
export class CreatePayrollExportPayload {
  @Field(() => PayrollExport, { nullable: true, description: "The export; its claims are now SENT_TO_PAYROLL." })
  payrollExport!: PayrollExport | null;

  @Field(() => [CreatePayrollExportError])
  errors!: Array<typeof CreatePayrollExportError>;
}

@ObjectType()
export class MarkPayrollExportPaidPayload {
  @Field(() => PayrollExport, { nullable: true })
  payrollExport!: PayrollExport | null;

  @Field(() => [MarkPayrollExportPaidError])
  errors!: Array<typeof MarkPayrollExportPaidError>;
}
