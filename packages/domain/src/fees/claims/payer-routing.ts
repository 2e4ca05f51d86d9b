// Who pays a claim. Kalmar's routine (seeds/003, step 4): the fee form goes to the region's payroll, but
// "ersättning vid medverkan i enskild kommun hanteras i särskild ordning" — participation in a single
// municipality's activity is paid by that municipality. An activity belongs to one municipality when the
// requesting unit belongs to it, and the municipality is configured to pay its own participants.

export interface PayingOrganisation {
  readonly id: string;
  readonly paysOwnParticipants: boolean;
}

export interface PayerRoutingInput {
  /** The organisation of the unit that asked for the participation. */
  readonly unitOrganisation: PayingOrganisation;
  /** The organisation whose payroll pays everything else (the region); null if the tenant has none configured. */
  readonly tenantPayrollOrganisationId: string | null;
}

export type PayerRoute = "OWN_ORGANISATION" | "TENANT_PAYROLL";

export function routePayer(input: PayerRoutingInput): { readonly payerOrganisationId: string; readonly route: PayerRoute } {
  if (input.unitOrganisation.paysOwnParticipants || input.tenantPayrollOrganisationId === null) {
    return { payerOrganisationId: input.unitOrganisation.id, route: "OWN_ORGANISATION" };
  }
  return { payerOrganisationId: input.tenantPayrollOrganisationId, route: "TENANT_PAYROLL" };
}
