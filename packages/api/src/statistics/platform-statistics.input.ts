import { Field, InputType } from "type-graphql";
import { StatisticsPeriodInput } from "./statistics.input.js";
import { StatisticsDimension } from "./statistics.type.js";

@InputType({ description: "Which platform figures: a period and up to two groupings; every answer is split by tenant as well." })
export class PlatformStatisticsInput {
  @Field(() => StatisticsPeriodInput, { description: "In each tenant's own time zone." })
  period!: StatisticsPeriodInput;

  @Field(() => [StatisticsDimension], { defaultValue: [] })
  groupBy!: StatisticsDimension[];
}
