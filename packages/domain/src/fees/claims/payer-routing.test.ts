import { describe, expect, it } from "vitest";
import { routePayer } from "./payer-routing.js";

describe("who pays (Kalmar: a single municipality pays its own participants)", () => {
  it("routes an activity of a municipality that pays its own participants to that municipality", () => {
    expect(routePayer({ unitOrganisation: { id: "vastervik", paysOwnParticipants: true }, tenantPayrollOrganisationId: "region" })).toEqual(
      {
        payerOrganisationId: "vastervik",
        route: "OWN_ORGANISATION",
      },
    );
  });

  it("routes everything else to the region's payroll, including municipalities that do not pay themselves", () => {
    expect(routePayer({ unitOrganisation: { id: "nybro", paysOwnParticipants: false }, tenantPayrollOrganisationId: "region" })).toEqual({
      payerOrganisationId: "region",
      route: "TENANT_PAYROLL",
    });
    expect(routePayer({ unitOrganisation: { id: "region", paysOwnParticipants: false }, tenantPayrollOrganisationId: "region" })).toEqual({
      payerOrganisationId: "region",
      route: "TENANT_PAYROLL",
    });
  });

  it("falls back to the unit's own organisation when the tenant names no payroll", () => {
    expect(routePayer({ unitOrganisation: { id: "unit-org", paysOwnParticipants: false }, tenantPayrollOrganisationId: null })).toEqual({
      payerOrganisationId: "unit-org",
      route: "OWN_ORGANISATION",
    });
  });
});
