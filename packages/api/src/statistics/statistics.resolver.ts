import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { getAnnualReport } from "./annual-report.service.js";
import { StatisticsInput } from "./statistics.input.js";
import { getStatistics } from "./statistics.service.js";
import { AnnualReport, StatisticsTable } from "./statistics.type.js";

@Resolver()
export class StatisticsResolver {
  @Query(() => StatisticsTable, {
    description:
      "Analysts and tenant admins: the tenant's figures for a period, grouped as asked; coordinators: their networks' figures. " +
      "Aggregates only; small counts are withheld so that no person can be singled out.",
  })
  statistics(@Arg("input", () => StatisticsInput) input: StatisticsInput, @Ctx() ctx: RequestContext): Promise<StatisticsTable> {
    return getStatistics(ctx, {
      year: input.period.year,
      quarter: input.period.quarter ?? null,
      month: input.period.month ?? null,
      groupBy: input.groupBy,
      networkId: input.networkId ?? null,
    });
  }

  @Query(() => AnnualReport, { description: "Analysts, tenant admins and coordinators: the year's main figures next to the year before." })
  annualReport(@Arg("year", () => Int) year: number, @Ctx() ctx: RequestContext): Promise<AnnualReport> {
    return getAnnualReport(ctx, year);
  }
}
