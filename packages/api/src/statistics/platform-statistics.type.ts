import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { StatisticsMeasures } from "./statistics.type.js";

// The platform's statistics table: every live tenant's own protected figures side by side, and a national total
// summed from what the tenants published. Only aggregate types: groups are labels, figures are StatisticsMeasures;
// nothing here leads to a tenant's members, requests or staff.

/** The tenant's groupings plus TENANT, which only this table has (a tenant's own table is one tenant). */
export enum PlatformStatisticsDimension {
  TENANT = "TENANT",
  NETWORK = "NETWORK",
  ASSIGNMENT_TYPE = "ASSIGNMENT_TYPE",
  UNIT = "UNIT",
  PERSPECTIVE = "PERSPECTIVE",
  AGE_BAND = "AGE_BAND",
  MUNICIPALITY = "MUNICIPALITY",
  MONTH = "MONTH",
}
registerEnumType(PlatformStatisticsDimension, {
  name: "PlatformStatisticsDimension",
  description: "What platform figures are grouped by: TENANT (always first), then the groupings of StatisticsDimension asked for.",
});

@ObjectType({ description: "A group's value for one dimension of the platform table, with a readable label." })
export class PlatformStatisticsGroup {
  @Field(() => PlatformStatisticsDimension)
  dimension!: PlatformStatisticsDimension;

  @Field(() => String, { description: "Stable key: the tenant's id for TENANT, otherwise as in StatisticsGroup.key." })
  key!: string;

  @Field(() => String, { description: "The tenant's name for TENANT; otherwise in the request's language." })
  label!: string;
}

@ObjectType({ description: "One row of the platform table: a tenant (and its groups) and the tenant's own figures." })
export class PlatformStatisticsRow {
  @Field(() => [PlatformStatisticsGroup], { description: "TENANT first, then the groupings asked for." })
  groups!: PlatformStatisticsGroup[];

  @Field(() => StatisticsMeasures, { description: "Exactly what the tenant's own analysts get for this group." })
  measures!: StatisticsMeasures;
}

@ObjectType({
  description:
    "Platform operators: every tenant's statistics for a period, each protected with that tenant's own small-cell threshold, " +
    "and a national total. Aggregates only, never a person.",
})
export class PlatformStatisticsTable {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  quarter!: number | null;

  @Field(() => Int, { nullable: true })
  month!: number | null;

  @Field(() => [PlatformStatisticsDimension], { description: "TENANT, then the groupings asked for." })
  groupBy!: PlatformStatisticsDimension[];

  @Field(() => [PlatformStatisticsRow], { description: "Each tenant's rows as its own table has them; tenants by name." })
  rows!: PlatformStatisticsRow[];

  @Field(() => [PlatformStatisticsRow], { description: "Each tenant's total for the period (groups: TENANT only); tenants by name." })
  tenantTotals!: PlatformStatisticsRow[];

  @Field(() => StatisticsMeasures, {
    description:
      "National total: each additive figure is the sum of the tenants' published totals, withheld when any tenant's is; figures " +
      "that do not add up across tenants (fill rate, medians, unique persons, concentration, mean rating) are NOT_APPLICABLE.",
  })
  total!: StatisticsMeasures;

  @Field(() => String, {
    description:
      "The same table as CSV (a UTF-8 byte-order mark, `;`, decimal commas, CRLF, a header row): each tenant's rows and total, " +
      "then the national total.",
  })
  csv!: string;
}
