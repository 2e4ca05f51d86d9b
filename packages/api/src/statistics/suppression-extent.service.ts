import { type CubeFactory, ProtectedCube, type SuppressionExtent, suppressionExtent } from "@medverkan/domain";
import type { Tx } from "../context/tenant-scope.js";
import { findStatisticsSettings } from "./statistics.repository.js";
import { computeStatistics } from "./statistics.service.js";

/**
 * How much a tenant's statistics of a year hide, per protected cube (issue 21: "check that suppression hides no
 * more than disclosure control needs, and measure it"). The cubes are the ones every question about the year is
 * answered from — protected over all answerable tables at once — so one question (the year's totals, as the annual
 * report asks) builds them all. Counts of cells only: never a figure.
 */
export async function measureSuppressionExtent(
  tx: Tx,
  tenantId: string,
  year: number,
): Promise<{ threshold: number; cubes: SuppressionExtent[] }> {
  const settings = await findStatisticsSettings(tx, tenantId);
  const threshold = settings?.smallCellThreshold ?? 0;
  const cubes: SuppressionExtent[] = [];
  // Built afresh (not the remembered cubes), so that each is measured under the label of the question that made it.
  const measured: CubeFactory = (dimensions, finest, cubeThreshold, options) => {
    const cube = new ProtectedCube(dimensions, finest, cubeThreshold, options);
    cubes.push(suppressionExtent(cube, cubeThreshold, options.label ?? ""));
    return cube;
  };
  await computeStatistics({ locale: "sv" }, tx, tenantId, { year, quarter: null, month: null, groupBy: [] }, "ALL", null, measured);
  return { threshold, cubes };
}
