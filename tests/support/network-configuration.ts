import type { TestApi } from "@medverkan/api/testing";
import { graphql } from "../generated/gql.js";

// Named scenarios about what a tenant's networks are configured with (their own intake rule set, request form and fee
// schedule, or the tenant's default), set up the way a tenant administrator does it: `updateNetwork`, which leaves
// a field out to keep it and takes null for "back to the tenant's default".

const TENANT_NETWORKS = graphql(`query NetworkConfigurationOfTenant {
  networks(first: 100) { nodes { id slug version intakeRuleSetId requestFormId feeScheduleId } } }`);
const CONFIGURE_NETWORK = graphql(`mutation ConfigureNetworkReferences($input: UpdateNetworkInput!) {
  updateNetwork(input: $input) { network { id version } errors { __typename ... on ErrorResult { code message } } } }`);

/** What a network names of its own; null: the tenant's default. A field left out stays as it is. */
export interface NetworkReferences {
  intakeRuleSetId?: string | null;
  requestFormId?: string | null;
  feeScheduleId?: string | null;
}

/** The tenant's networks with what each names of its own, as its administrator (`adminToken`) sees them. */
export async function networkConfiguration(api: TestApi, adminToken: string) {
  const response = await api.graphql(TENANT_NETWORKS, { token: adminToken });
  const networks = response.data?.networks?.nodes;
  if (!networks) throw new Error(`the tenant's networks are not readable: ${JSON.stringify(response.errors)}`);
  return networks;
}

/**
 * Every (current) network of the administrator's tenant names these references: e.g. `{ intakeRuleSetId: null }`,
 * every network follows the tenant's default intake rules.
 */
export async function everyNetworkOfTheTenantNames(api: TestApi, adminToken: string, references: NetworkReferences): Promise<void> {
  for (const network of await networkConfiguration(api, adminToken)) {
    const response = await api.graphql(CONFIGURE_NETWORK, {
      token: adminToken,
      variables: { input: { id: network.id, expectedVersion: network.version, ...references } },
    });
    const payload = response.data?.updateNetwork;
    if (!payload?.network || payload.errors.length)
      throw new Error(`configuring ${network.slug} failed: ${JSON.stringify(response.errors ?? payload?.errors)}`);
  }
}
