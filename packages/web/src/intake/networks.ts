import type { Viewer } from "../app";

/** The networks the viewer coordinates (one per COORDINATOR grant), each once. */
export function coordinatedNetworks(viewer: Viewer | null): Array<{ id: string; name: string }> {
  const found = new Map<string, { id: string; name: string }>();
  for (const grant of viewer?.roles ?? []) {
    if (grant.role === "COORDINATOR" && grant.network) found.set(grant.network.id, { id: grant.network.id, name: grant.network.name });
  }
  return [...found.values()];
}
