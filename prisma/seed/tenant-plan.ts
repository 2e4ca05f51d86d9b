// Builds the complete, deterministic plan of one demo tenant: the domain's region configuration plus the demo
// content around it. Pure: nothing is read from or written to the database here.
import type { PriceBaseAmounts, RegionSeed } from "@medverkan/domain";
import { planConfiguration } from "./configuration.js";
import { CONFIGURATION_EPOCH, PlanContext } from "./context.js";
import { demoAudience } from "./demo-users.js";
import { planMembers } from "./members.js";
import { emptyPlan, type TenantPlan } from "./plan.js";
import { planRequests } from "./requests.js";
import type { Calendar } from "./time.js";
import type { TenantDemoSeed } from "./types.js";

export function buildTenantPlan(
  region: RegionSeed,
  demo: TenantDemoSeed,
  calendar: Calendar,
  priceBaseAmounts: PriceBaseAmounts,
): TenantPlan {
  const plan = emptyPlan({
    slug: region.tenant.slug,
    name: region.tenant.name,
    locale: region.tenant.locale,
    timeZone: region.tenant.timeZone,
    currency: region.tenant.currency,
    tokenAudience: demoAudience(region.tenant.slug),
    memberRetentionMonths: demo.memberRetentionMonths,
    invitationExpiryDays: demo.invitationExpiryDays,
    feeClaimAttester: region.feeClaimAttester,
    paysByBankAccount: region.paysByBankAccount,
    allowsParticipantsOutsidePool: region.allowsParticipantsOutsidePool,
    settings: demo.settings,
    createdAt: CONFIGURATION_EPOCH,
  });
  const ctx = new PlanContext(region, demo, calendar, priceBaseAmounts, plan);
  planConfiguration(ctx);
  const pool = planMembers(ctx);
  planRequests(ctx, pool);

  // Every consent must have been given to a text that was published by then.
  const published = new Map(plan.consentTexts.map((text) => [text.id, new Date(text.publishedAt ?? 0).getTime()]));
  for (const consent of plan.consents) {
    if (new Date(consent.givenAt ?? 0).getTime() < (published.get(consent.consentTextId) ?? Number.POSITIVE_INFINITY)) {
      ctx.fail(`consent ${consent.id} predates its text`);
    }
  }
  return plan;
}
