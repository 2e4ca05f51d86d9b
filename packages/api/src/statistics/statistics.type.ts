import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";

export enum StatisticsDimension {
  NETWORK = "NETWORK",
  ASSIGNMENT_TYPE = "ASSIGNMENT_TYPE",
  UNIT = "UNIT",
  PERSPECTIVE = "PERSPECTIVE",
  AGE_BAND = "AGE_BAND",
  MUNICIPALITY = "MUNICIPALITY",
  MONTH = "MONTH",
}
registerEnumType(StatisticsDimension, {
  name: "StatisticsDimension",
  description:
    "What figures can be grouped by. PERSPECTIVE is the perspective sought (requests, occasions, feedback) or the member's own " +
    "(participation, fees, registrations, pool): one perspective, SEVERAL or NONE. AGE_BAND is the age on 31 December of the year.",
});

// One mark for every count withheld by small-cell protection, whether small itself or hidden to protect another:
// telling the two apart would tell an attacker that a cell holds between 1 and threshold − 1, and with that bound
// a hidden 1 could be pinned down where the published figures alone leave it open.
export enum StatisticsSuppression {
  SMALL_COUNT = "SMALL_COUNT",
  NOT_APPLICABLE = "NOT_APPLICABLE",
}
registerEnumType(StatisticsSuppression, {
  name: "StatisticsSuppression",
  description:
    "Why a figure is withheld: SMALL_COUNT — small-cell protection: the group has fewer people (or cases) than the tenant's " +
    "threshold, or it is hidden so that such a group cannot be worked out from totals or from other tables (which of the two " +
    "is deliberately not said); NOT_APPLICABLE — the figure has no meaning for this grouping.",
});

@ObjectType({ description: "One figure of a statistics table: a value, or null with the reason it is withheld." })
export class StatisticsValue {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;

  @Field(() => StatisticsSuppression, { nullable: true })
  suppression!: StatisticsSuppression | null;
}

@ObjectType({ description: "A group's value for one dimension, with a readable label." })
export class StatisticsGroup {
  @Field(() => StatisticsDimension)
  dimension!: StatisticsDimension;

  @Field(() => String, { description: "Stable key: an id (network, unit, assignment type), a code (perspective, age band) or MM." })
  key!: string;

  @Field(() => String, { description: "In the request's language." })
  label!: string;
}

@ObjectType({ description: "The figures of a period for one group (or for all). Money in öre." })
export class StatisticsMeasures {
  @Field(() => StatisticsValue, { description: "Requests submitted in the period." })
  requestsReceived!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Of those, declined." })
  requestsDeclined!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Of those, cancelled." })
  requestsCancelled!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Persons accepted ÷ persons asked for, over the period's requests (0–1)." })
  fillRate!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Median days from submission to filled, over the period's filled requests." })
  medianDaysToFilled!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "90th percentile of days from submission to filled." })
  p90DaysToFilled!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Assignments carried out (by the request's carried-out date)." })
  assignmentsCarriedOut!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Occasions held." })
  occasionsCarriedOut!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Participations: one person at one occasion held." })
  participants!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Different persons among the participations." })
  uniquePersons!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Hours of participation (occasion time, without travel)." })
  hours!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Fees paid in the period, öre: fee and paid preparation." })
  feesGrossOre!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Mileage paid in the period, öre." })
  feesMileageOre!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Expenses paid in the period, öre." })
  feesExpensesOre!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Registrations of interest (memberships registered)." })
  newRegistrations!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Active memberships at the end of the period (or today, for a period not yet over)." })
  activePoolSize!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Of the active pool, people never invited to a request of their network." })
  neverAsked!: StatisticsValue;

  @Field(() => StatisticsValue, {
    description: "Of the active pool, people invited to a request of their network but never given an assignment there.",
  })
  askedNeverUsed!: StatisticsValue;

  @Field(() => StatisticsValue, {
    description: "Share (0–1) of the period's carried-out assignments that went to the most-used 10 % of those who had any.",
  })
  assignmentConcentration!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Feedback ratings given (1–5), from units and participants." })
  feedbackCount!: StatisticsValue;

  @Field(() => StatisticsValue, { description: "Mean feedback rating." })
  feedbackMeanRating!: StatisticsValue;
}

@ObjectType({ description: "One row of a statistics table: its groups and their figures." })
export class StatisticsRow {
  @Field(() => [StatisticsGroup])
  groups!: StatisticsGroup[];

  @Field(() => StatisticsMeasures)
  measures!: StatisticsMeasures;
}

@ObjectType({ description: "Aggregated figures only, never a person; small counts suppressed (see StatisticsSuppression)." })
export class StatisticsTable {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { nullable: true })
  quarter!: number | null;

  @Field(() => Int, { nullable: true })
  month!: number | null;

  @Field(() => [StatisticsDimension], { description: "Coordinators limited to some networks always get NETWORK among them." })
  groupBy!: StatisticsDimension[];

  @Field(() => Int, { description: "Counts below this are suppressed." })
  smallCellThreshold!: number;

  @Field(() => [StatisticsRow])
  rows!: StatisticsRow[];

  @Field(() => StatisticsMeasures, { description: "The whole period (within the networks you may see)." })
  total!: StatisticsMeasures;

  @Field(() => String, {
    description:
      "The same table as CSV for Excel on Swedish Windows: a UTF-8 byte-order mark, `;` between cells, decimal commas, CRLF, a " +
      'header row; each figure has a column and a marker column beside it: a withheld figure is left empty (never zero) with its reason in words in the marker (e.g. "Dold: för få").',
  })
  csv!: string;
}

@ObjectType({ description: "One headline figure of the annual report, with the year before." })
export class AnnualReportFigure {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  labelSv!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => StatisticsValue)
  value!: StatisticsValue;

  @Field(() => StatisticsValue)
  previous!: StatisticsValue;

  @Field(() => Float, { nullable: true, description: "Change from the year before, percent; null when either year is withheld or zero." })
  changePercent!: number | null;
}

@ObjectType({ description: "A tenant's year in figures, compared with the year before, ready to hand to management." })
export class AnnualReport {
  @Field(() => Int)
  year!: number;

  @Field(() => String)
  tenantName!: string;

  @Field(() => [AnnualReportFigure])
  figures!: AnnualReportFigure[];

  @Field(() => String, { description: "The report as text, in Swedish (Markdown)." })
  textSv!: string;

  @Field(() => String, { description: "The report as text, in English (Markdown)." })
  textEn!: string;
}
