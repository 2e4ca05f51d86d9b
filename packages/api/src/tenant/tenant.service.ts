import type { ConsentKind } from "@medverkan/database";
import type { RequestContext } from "../context/request-context.js";
import { findCurrentConsentText, findTenantById, findTenantBySlug } from "./tenant.repository.js";
import type { ConsentText, Tenant } from "./tenant.type.js";

/** Public: what a regional front end needs to show a tenant and its registration form. */
export function getTenantBySlug(ctx: RequestContext, slug: string): Promise<Tenant | null> {
  return findTenantBySlug(ctx.system, slug);
}

export function getTenantById(ctx: RequestContext, id: string): Promise<Tenant | null> {
  return findTenantById(ctx.system, id);
}

export async function getCurrentConsentText(ctx: RequestContext, tenantId: string, kind: ConsentKind): Promise<ConsentText | null> {
  const text = await ctx.scope(tenantId).transaction((tx) => findCurrentConsentText(tx, tenantId, kind));
  if (!text) return null;
  return { ...text, kind: text.kind as ConsentText["kind"], text: ctx.locale === "en" ? text.textEn : text.textSv };
}
