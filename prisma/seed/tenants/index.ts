// The four demo regions of SPEC §2, in the order they are seeded.
import type { TenantDemoSeed } from "../types.js";
import { jonkoping } from "./jonkoping.js";
import { kalmar } from "./kalmar.js";
import { ostergotland } from "./ostergotland.js";
import { vgr } from "./vgr.js";

export const DEMO_TENANTS: readonly TenantDemoSeed[] = [jonkoping, vgr, kalmar, ostergotland];
