import { Field, ID, InputType, Int } from "type-graphql";
import { StatisticsDimension } from "./statistics.type.js";

@InputType({ description: "A calendar year, or one quarter or month of it (in the tenant's time zone)." })
export class StatisticsPeriodInput {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true, description: "1–4; leave out for the whole year." })
  quarter?: number | null;

  @Field(() => Int, { nullable: true, description: "1–12; leave out for the whole year (not together with quarter)." })
  month?: number | null;
}

@InputType({ description: "Which figures: a period, up to three groupings, optionally one network." })
export class StatisticsInput {
  @Field(() => StatisticsPeriodInput)
  period!: StatisticsPeriodInput;

  @Field(() => [StatisticsDimension], { defaultValue: [] })
  groupBy!: StatisticsDimension[];

  @Field(() => ID, { nullable: true, description: "Only this network's figures." })
  networkId?: string | null;
}
