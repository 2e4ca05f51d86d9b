import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context/request-context.js";
import { PlatformStatisticsInput } from "./platform-statistics.input.js";
import { getPlatformStatistics } from "./platform-statistics.service.js";
import { PlatformStatisticsTable } from "./platform-statistics.type.js";

@Resolver()
export class PlatformStatisticsResolver {
  @Query(() => PlatformStatisticsTable, {
    description:
      "Platform operators: every tenant's statistics for a period, each exactly as the tenant's analysts get it, and a national " +
      "total summed from the published figures. Aggregates only.",
  })
  platformStatistics(
    @Arg("input", () => PlatformStatisticsInput) input: PlatformStatisticsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PlatformStatisticsTable> {
    return getPlatformStatistics(ctx, {
      year: input.period.year,
      quarter: input.period.quarter ?? null,
      month: input.period.month ?? null,
      groupBy: input.groupBy,
    });
  }
}
