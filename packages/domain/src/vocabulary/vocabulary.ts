import type { LocalizedText } from "../messages/locale.js";

// Shared enums. The values are the database's enum values (UPPER_SNAKE_CASE) and must stay
// identical to the Prisma and GraphQL schemas.

export const PERSPECTIVES = ["PATIENT", "RELATIVE", "SERVICE_USER"] as const;
/** From whose experience a member speaks: patient, relative (närstående) or service user (brukare). */
export type Perspective = (typeof PERSPECTIVES)[number];

export const CARE_DOMAINS = ["SOMATIC", "PSYCHIATRIC", "SOCIAL_SERVICES", "MIXED"] as const;
export type CareDomain = (typeof CARE_DOMAINS)[number];

export function isPerspective(value: unknown): value is Perspective {
  return (PERSPECTIVES as readonly unknown[]).includes(value);
}

export function isCareDomain(value: unknown): value is CareDomain {
  return (CARE_DOMAINS as readonly unknown[]).includes(value);
}

export const PERSPECTIVE_LABELS: Readonly<Record<Perspective, LocalizedText>> = {
  PATIENT: { sv: "Patient", en: "Patient" },
  RELATIVE: { sv: "Närstående", en: "Relative" },
  SERVICE_USER: { sv: "Brukare", en: "Service user" },
};

export const CARE_DOMAIN_LABELS: Readonly<Record<CareDomain, LocalizedText>> = {
  SOMATIC: { sv: "Somatisk vård", en: "Somatic care" },
  PSYCHIATRIC: { sv: "Psykiatrisk vård", en: "Psychiatric care" },
  SOCIAL_SERVICES: { sv: "Socialtjänst", en: "Social services" },
  MIXED: { sv: "Blandat", en: "Mixed" },
};
