import type { TenantScope } from "./tenant-scope.js";

/**
 * One tenant's DataLoaders, as the request context hands them out (`ctx.loaders(tenantId)`).
 *
 * The context sits below the features, so it names none of them: each feature's `*.loaders.ts` adds its own loaders to
 * this interface (`declare module "../context/loaders.js"`), and the composition root, schema/loaders.ts, builds the
 * object that fills it and gives that factory to every request context. Were the list here, context/ would import every
 * feature while the features import context/: one import cycle, and the lowest folder depending on the highest.
 */
// biome-ignore lint/suspicious/noEmptyInterface: an open registry; each feature's *.loaders.ts merges its loaders in.
export interface Loaders {}

/** Builds one tenant's loaders, once per request and tenant: schema/loaders.ts's `createLoaders`. */
export type LoadersFactory = (scope: TenantScope) => Loaders;
