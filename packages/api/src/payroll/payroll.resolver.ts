import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { PageArgs } from "../common/pagination/connection.js";
import type { RequestContext } from "../context/request-context.js";
import { CreatePayrollExportPayload, MarkPayrollExportPaidPayload } from "./payroll.payload.js";
import {
  auditExportRead,
  createPayrollExport,
  getPayrollExport,
  type LoadedExport,
  listPayrollExports,
  markPayrollExportPaid,
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
      "decimal comma, CRLF (Excel on Swedish Windows opens it as it is). Audited.",
  })
  async csv(@Root() payrollExport: PayrollExport, @Ctx() ctx: RequestContext): Promise<string> {
    const loaded = payrollExport as LoadedExport;
    await auditExportRead(ctx, loaded, "payroll CSV read");
    return loaded.csv;
  }

  @FieldResolver(() => [PayrollPersonSummary], { description: "A printable summary per person. Audited." })
  async summaries(@Root() payrollExport: PayrollExport, @Ctx() ctx: RequestContext): Promise<PayrollPersonSummary[]> {
    const loaded = payrollExport as LoadedExport;
    await auditExportRead(ctx, loaded, "payroll summaries read");
    return loaded.summaries;
  }
}
