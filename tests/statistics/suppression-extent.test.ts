import { measureSuppressionAsServer, startTestApi, type TestApi } from "@medverkan/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 21 (6): "check that suppression hides no more than disclosure control needs, and measure it", on the seeded
// regions. What is measured is the same as `npm run report:suppression` prints; what is checked is the rule a
// region-year report depends on: a whole-year total (the annual report's figures) is hidden only when that total is
// itself small or stands on few people, never to protect some smaller cell.

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.stop();
});

const YEARS = [2024, 2025, 2026];

describe("how much the seeded regions' statistics hide", () => {
  it("hides a whole-year total only for itself, in every region and year, and measures the rest (npm run report:suppression prints it)", async () => {
    const tenants = await api.running.database.prisma.tenant.findMany({ select: { id: true, slug: true }, orderBy: { slug: "asc" } });
    expect(tenants.length).toBeGreaterThanOrEqual(4);
    let cubes = 0;
    let small = 0;
    for (const tenant of tenants) {
      for (const year of YEARS) {
        const { threshold, cubes: measured } = await measureSuppressionAsServer(api, tenant.id, year);
        for (const cube of measured) {
          cubes++;
          small += cube.primary;
          expect(cube.grandTotal, `${tenant.slug} ${year} ${cube.label}`).not.toBe("COMPLEMENTARY");
          expect(cube.label).toMatch(/^[A-Z]+(@[A-Z0-9]+)?\.[a-z_+]+$/);
          // Hidden cells are either small themselves or protect one: never more protecting cells than there are cells.
          expect(cube.primary + cube.complementary, `${tenant.slug} ${year} (≥${threshold}) ${cube.label}`).toBeLessThanOrEqual(cube.cells);
        }
      }
    }
    expect(cubes).toBeGreaterThan(0);
    // The seeded data do have small cells, so the rule above was put to the test.
    expect(small).toBeGreaterThan(0);
  });
});
