import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { CreatePayrollExportPayload, MarkPayrollExportPaidPayload } from "./payroll.payload.js";
import {
  createPayrollExport,
  getPayrollExport,
  type LoadedExport,
  listPayrollExports,
  markPayrollExportPaid,
  payrollFile,
  payrollSummaries,
} from "./payroll.service.js";
import {
  CreatePayrollExportInput,
  MarkPayrollExportPaidInput,
  PayrollExport,
  PayrollExportConnection,
  PayrollPersonSummary,
} from "./payroll.type.js";

@Resolver(() => PayrollExport)
export class PayrollExportResolver {
  @Query(() => PayrollExport, { nullable: true, description: "Tenant admins and the coordinators of its networks: one payroll export." })
  payrollExport(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<PayrollExport | null> {
    return getPayrollExport(ctx, id);
  }

  @Query(() => PayrollExportConnection, { description: "Tenant admins: every payroll export; coordinators: those of their networks." })
  payrollExports(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext) {
    return listPayrollExports(ctx, page);
  }

  @Mutation(() => CreatePayrollExportPayload, {
    description:
      "Tenant admins and coordinators: send the attested claims of a period to one payer's payroll. Each claim goes to payroll once only.",
  })
  createPayrollExport(
    @Arg("input", () => CreatePayrollExportInput) input: CreatePayrollExportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatePayrollExportPayload> {
    return createPayrollExport(ctx, input);
  }

  @Mutation(() => MarkPayrollExportPaidPayload, { description: "The payroll office has paid the export: its claims become PAID." })
  markPayrollExportPaid(
    @Arg("input", () => MarkPayrollExportPaidInput) input: MarkPayrollExportPaidInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MarkPayrollExportPaidPayload> {
    return markPayrollExportPaid(ctx, input.id);
  }

  @FieldResolver(() => String, {
    description:
      "The file for the payroll office: one row per claim; a UTF-8 byte-order mark, `;` between cells, amounts in kronor with a " +
      "decimal comma, CRLF (Excel on Swedish Windows opens it as it is). Carries each person's personal identity number (where " +
      "the region records them, as YYYYMMDD-NNNN), employee number and, where the region pays to a registered account, the " +
      "clearing and account number. Audited as an export of each person's data.",
  })
  csv(@Root() payrollExport: PayrollExport, @Ctx() ctx: RequestContext): Promise<string> {
    return payrollFile(ctx, payrollExport as LoadedExport, "CSV");
  }

  @FieldResolver(() => String, {
    description:
      "The same export as PAXml 2.0 (www.paxml.se), the Swedish standard for salary transactions a payroll program imports: " +
      "`<lonetransaktioner>` with one `<lonetrans>` per amount (fee LT1, paid preparation LT2, mileage MIL_FRI, expenses UTLÄGG), " +
      "each naming the person by `anstid` (employee number) and/or `persnr` (personal identity number); `<personal>` with " +
      "the bank account where the region pays to a registered account. UTF-8. Audited as an export of each person's data.",
  })
  paxml(@Root() payrollExport: PayrollExport, @Ctx() ctx: RequestContext): Promise<string> {
    return payrollFile(ctx, payrollExport as LoadedExport, "PAXML");
  }

  @FieldResolver(() => [PayrollPersonSummary], {
    description: "A printable summary per person, with the references the payroll file matches them by (masked). Audited.",
  })
  summaries(@Root() payrollExport: PayrollExport, @Ctx() ctx: RequestContext): Promise<PayrollPersonSummary[]> {
    return payrollSummaries(ctx, payrollExport as LoadedExport);
  }
}
