import type { Level } from "./linked-tables.js";
import { MAX_GROUP_BY, type StatisticsDimension } from "./statistics-query.js";

/** The dimensions a family's figures can be grouped by, besides time. */
export type GroupDimension = Exclude<StatisticsDimension, "MONTH">;

/** Every group dimension, in the order cubes, keys and levels list them. */
export const GROUP_DIMENSIONS: readonly GroupDimension[] = [
  "NETWORK",
  "ASSIGNMENT_TYPE",
  "UNIT",
  "PERSPECTIVE",
  "AGE_BAND",
  "MUNICIPALITY",
];

export interface AnswerableShape {
  /** Whether the family has a time dimension (year 0, quarter 1, month 2) as its last. */
  readonly withTime: boolean;
  /**
   * Whether the family's count is split into parts by one more dimension (before time): a table then shows either
   * the count (that dimension at "all", 0) or its parts (fine, 1). GROUPED: groups of parts between (1), parts 2.
   */
  readonly partition: boolean | "GROUPED";
}

/**
 * Every table an analyst can ask of a family, as levels of its cube: any MAX_GROUP_BY of its dimensions besides the
 * network (which coordinators and the network filter add), the count or its parts, by year, quarter or month. A
 * level lists 0 ("all") or 1 (fine) per dimension, then the partition's, then time's.
 */
export function answerableLevels(dimensions: readonly GroupDimension[], shape: AnswerableShape): Level[] {
  const levels: Level[] = [];
  for (let mask = 0; mask < 2 ** dimensions.length; mask++) {
    const fine = dimensions.map((_, i) => (mask >> i) & 1);
    if (dimensions.filter((d, i) => fine[i] === 1 && d !== "NETWORK").length > MAX_GROUP_BY) continue;
    for (const part of shape.partition === "GROUPED" ? [0, 1, 2] : shape.partition ? [0, 1] : [null]) {
      const grouped = part === null ? fine : [...fine, part];
      for (const time of shape.withTime ? [0, 1, 2] : [null]) levels.push(time === null ? grouped : [...grouped, time]);
    }
  }
  return levels;
}
