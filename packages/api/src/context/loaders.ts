import { createMemberLoaders } from "../member/member.loaders.js";
import { createNetworkLoaders } from "../network/network.loaders.js";
import type { TenantScope } from "./tenant-scope.js";

/** Every feature's DataLoaders for one tenant; created per request so nothing is cached across actors. */
export function createLoaders(scope: TenantScope) {
  return {
    ...createNetworkLoaders(scope),
    ...createMemberLoaders(scope),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
