import { FEE_CATEGORY_LABELS, type FeeCategory, type PayoutMethod } from "../fees/fee-schedule.js";
import { formatMinutes, formatOre } from "../fees/format.js";
import type { Locale, LocalizedText } from "../messages/locale.js";

// What the printable documents say, as data: the API lays it out as a PDF (pdfkit) and a test reads it back. Every
// figure comes from the domain's own fee computation (the claim as computed and stored); nothing here computes a fee.

export interface PrintableRow {
  readonly label: string;
  readonly value: string;
}

export interface PrintableSection {
  readonly heading: string;
  readonly rows: readonly PrintableRow[];
  /** Free text under the rows (an agreement's scope, a person's lines). */
  readonly text?: string;
}

export interface PrintableSignature {
  readonly label: string;
  /** Already signed (recorded in the platform): shown beside the line. */
  readonly signedAt?: string | null;
}

export interface PrintableDocument {
  readonly title: string;
  readonly subtitle: string;
  readonly issuer: string;
  readonly sections: readonly PrintableSection[];
  readonly signatures: readonly PrintableSignature[];
  readonly footer: string;
}

const t = (text: LocalizedText, locale: Locale) => text[locale];

// ─── Fee form per person and occasion ──────────────────────────────────────────────────────────────────────────

export interface FeeFormClaim {
  readonly claimId: string;
  readonly status: string;
  readonly tenantName: string;
  readonly networkName: string;
  readonly unitName: string;
  readonly requestTitle: string;
  /** Null where the reader may not know who the participant is (a unit without the participant's consent). */
  readonly participantName: string | null;
  readonly occasionDate: string;
  /** "09:00–12:45" in the tenant's time zone. */
  readonly occasionTime: string;
  readonly place: string | null;
  readonly durationMinutes: number;
  readonly travelMinutes: number;
  readonly countedMinutes: number;
  readonly preparationMinutes: number;
  readonly category: FeeCategory;
  readonly hourly: boolean;
  readonly mileageKm: number;
  readonly feeOre: number;
  readonly preparationOre: number;
  readonly mileageOre: number;
  readonly expenses: ReadonlyArray<{ readonly description: string; readonly amountOre: number }>;
  readonly expensesOre: number;
  readonly grossOre: number;
  readonly withholdingOre: number;
  readonly netOre: number;
  readonly payoutMethod: PayoutMethod;
  readonly costCentreCode: string | null;
  readonly payerName: string | null;
  readonly submittedAt: string | null;
  readonly attestedAt: string | null;
  /** Who attests in this tenant: the unit (Jönköping, VGR: filled in by the unit and the person together) or the coordinator (Kalmar). */
  readonly attester: "UNIT_REQUESTER" | "COORDINATOR" | "EITHER";
}

const FEE_FORM = {
  unitForm: {
    title: { sv: "Reseräkning utan traktamente – arvode", en: "Travel and fee claim without per diem" },
    subtitle: {
      sv: "Fylls i av verksamheten och den medverkande tillsammans, ett underlag per person och tillfälle",
      en: "Filled in by the unit and the participant together, one form per person and occasion",
    },
    attest: { sv: "Verksamhetens attest (ansvarig chef)", en: "Attested by the unit (manager responsible)" },
  },
  unitPaysFee: {
    title: { sv: "Blankett för utbetalning av arvode", en: "Fee payment form" },
    subtitle: {
      sv: "Fylls i av verksamheten och den medverkande tillsammans; verksamheten står för ersättningen",
      en: "Filled in by the unit and the participant together; the unit pays the compensation",
    },
    attest: { sv: "Verksamhetens attest (ansvarig chef)", en: "Attested by the unit (manager responsible)" },
  },
  coordinatorForm: {
    title: { sv: "Arvodesblankett", en: "Fee form" },
    subtitle: {
      sv: "En blankett för varje person och varje tillfälle personen medverkar",
      en: "One form for each person and each occasion the person takes part in",
    },
    attest: { sv: "Attesteras av utvecklingsledare/samordnare", en: "Attested by the development leader/coordinator" },
  },
  participant: { sv: "Medverkande", en: "Participant" },
  name: { sv: "Namn", en: "Name" },
  notShown: { sv: "(visas inte för verksamheten utan samtycke)", en: "(not shown to the unit without consent)" },
  assignment: { sv: "Uppdrag", en: "Assignment" },
  network: { sv: "Nätverk", en: "Network" },
  unit: { sv: "Verksamhet", en: "Unit" },
  occasion: { sv: "Tillfälle", en: "Occasion" },
  date: { sv: "Datum", en: "Date" },
  time: { sv: "Tid", en: "Time" },
  place: { sv: "Plats", en: "Place" },
  work: { sv: "Arbetad tid", en: "Time worked" },
  duration: { sv: "Medverkan", en: "Participation" },
  travel: { sv: "Restid", en: "Travel time" },
  counted: { sv: "Räknad tid", en: "Time counted" },
  preparationTime: { sv: "Extra förberedelse", en: "Extra preparation" },
  category: { sv: "Kategori", en: "Category" },
  hourly: { sv: " (timarvode)", en: " (hourly rate)" },
  amounts: { sv: "Ersättning", en: "Compensation" },
  fee: { sv: "Arvode", en: "Fee" },
  preparation: { sv: "Förberedelse", en: "Preparation" },
  gross: { sv: "Arvode brutto (skattepliktigt)", en: "Gross fee (taxable)" },
  withholding: { sv: "Skatteavdrag", en: "Tax withheld" },
  mileage: { sv: "Milersättning", en: "Mileage" },
  expenses: { sv: "Utlägg", en: "Expenses" },
  net: { sv: "Att betala ut", en: "Net to pay" },
  payment: { sv: "Utbetalning", en: "Payment" },
  paidAs: { sv: "Betalas som", en: "Paid as" },
  salary: { sv: "lön (skatteavdrag som för sidoinkomst)", en: "salary (tax withheld as for a side income)" },
  feeOnly: { sv: "arvode", en: "fee" },
  costCentre: { sv: "Ansvarskod", en: "Cost centre" },
  payer: { sv: "Betalas av", en: "Paid by" },
  reference: { sv: "Underlag", en: "Claim" },
  participantSigns: { sv: "Den medverkandes underskrift", en: "Participant's signature" },
  confirmed: { sv: "bekräftat", en: "confirmed" },
  attested: { sv: "attesterat", en: "attested" },
} as const;

export function feeForm(claim: FeeFormClaim, locale: Locale): PrintableDocument {
  const text = (key: keyof typeof FEE_FORM) => t(FEE_FORM[key] as LocalizedText, locale);
  const money = (ore: number) => formatOre(ore, locale);
  // The region's own form, told by who attests and how the fee is paid: the development leader attests (Kalmar's
  // Arvodesblankett); the unit attests a fee paid as salary (Jönköping's Reseräkning utan traktamente); the unit
  // attests and pays a fee itself (VGR's Blankett för utbetalning).
  const variant =
    claim.attester === "COORDINATOR"
      ? FEE_FORM.coordinatorForm
      : claim.payoutMethod === "SALARY"
        ? FEE_FORM.unitForm
        : FEE_FORM.unitPaysFee;
  const amounts: PrintableRow[] = [
    { label: text("fee"), value: money(claim.feeOre) },
    ...(claim.preparationOre > 0 ? [{ label: text("preparation"), value: money(claim.preparationOre) }] : []),
    { label: text("gross"), value: money(claim.grossOre) },
    ...(claim.payoutMethod === "SALARY" ? [{ label: text("withholding"), value: `-${money(claim.withholdingOre)}` }] : []),
    { label: `${text("mileage")} (${claim.mileageKm} km)`, value: money(claim.mileageOre) },
    ...claim.expenses.map((expense) => ({ label: `${text("expenses")}: ${expense.description}`, value: money(expense.amountOre) })),
    ...(claim.expenses.length === 0 ? [{ label: text("expenses"), value: money(claim.expensesOre) }] : []),
    { label: text("net"), value: money(claim.netOre) },
  ];
  return {
    title: t(variant.title, locale),
    subtitle: t(variant.subtitle, locale),
    issuer: `${claim.tenantName} – ${claim.networkName}`,
    sections: [
      {
        heading: text("participant"),
        rows: [{ label: text("name"), value: claim.participantName ?? text("notShown") }],
      },
      {
        heading: text("assignment"),
        rows: [
          { label: text("assignment"), value: claim.requestTitle },
          { label: text("unit"), value: claim.unitName },
          { label: text("date"), value: claim.occasionDate },
          { label: text("time"), value: claim.occasionTime },
          ...(claim.place ? [{ label: text("place"), value: claim.place }] : []),
        ],
      },
      {
        heading: text("work"),
        rows: [
          { label: text("duration"), value: formatMinutes(claim.durationMinutes) },
          { label: text("travel"), value: formatMinutes(claim.travelMinutes) },
          { label: text("counted"), value: formatMinutes(claim.countedMinutes) },
          ...(claim.preparationMinutes > 0 ? [{ label: text("preparationTime"), value: formatMinutes(claim.preparationMinutes) }] : []),
          {
            label: text("category"),
            value: `${t(FEE_CATEGORY_LABELS[claim.category], locale)}${claim.hourly ? text("hourly") : ""}`,
          },
        ],
      },
      { heading: text("amounts"), rows: amounts },
      {
        heading: text("payment"),
        rows: [
          { label: text("paidAs"), value: claim.payoutMethod === "SALARY" ? text("salary") : text("feeOnly") },
          { label: text("costCentre"), value: claim.costCentreCode ?? "–" },
          { label: text("payer"), value: claim.payerName ?? claim.tenantName },
          { label: text("reference"), value: claim.claimId },
        ],
      },
    ],
    signatures: [
      { label: text("participantSigns"), signedAt: claim.submittedAt ? `${text("confirmed")} ${claim.submittedAt}` : null },
      { label: t(variant.attest, locale), signedAt: claim.attestedAt ? `${text("attested")} ${claim.attestedAt}` : null },
    ],
    footer: `${claim.tenantName} · ${text("reference")} ${claim.claimId}`,
  };
}

// ─── Agreement for a long assignment ───────────────────────────────────────────────────────────────────────────

export interface AgreementFacts {
  readonly assignmentId: string;
  readonly tenantName: string;
  readonly networkName: string;
  readonly unitName: string;
  readonly unitContactName: string | null;
  readonly requestTitle: string;
  readonly purpose: string | null;
  readonly participantName: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly scope: string | null;
  readonly occasions: readonly string[];
  readonly compensation: string | null;
  readonly signedByMemberAt: string | null;
  readonly signedByUnitAt: string | null;
}

const AGREEMENT = {
  title: { sv: "Överenskommelse om medverkan", en: "Agreement on participation" },
  subtitle: {
    sv: "För uppdrag som löper över en längre tid; undertecknas av både uppdragsgivare och medverkande",
    en: "For assignments over a longer period; signed by both the commissioning unit and the participant",
  },
  parties: { sv: "Parter", en: "Parties" },
  participant: { sv: "Medverkande", en: "Participant" },
  unit: { sv: "Uppdragsgivare", en: "Commissioning unit" },
  contact: { sv: "Kontaktperson", en: "Contact person" },
  coordination: { sv: "Samordnas av", en: "Coordinated by" },
  assignment: { sv: "Uppdraget", en: "The assignment" },
  title2: { sv: "Uppdrag", en: "Assignment" },
  purpose: { sv: "Syfte", en: "Purpose" },
  period: { sv: "Period", en: "Period" },
  notSet: { sv: "ej angiven", en: "not set" },
  occasions: { sv: "Tillfällen", en: "Occasions" },
  compensation: { sv: "Ersättning", en: "Compensation" },
  compensationText: {
    sv: "Arvode per tillfälle enligt regionens arvodesregler, på ett underlag per person och tillfälle.",
    en: "A fee per occasion under the region's fee rules, on one claim per person and occasion.",
  },
  scope: { sv: "Omfattning och uppgifter", en: "Scope and tasks" },
  signParticipant: { sv: "Medverkande", en: "Participant" },
  signUnit: { sv: "Uppdragsgivare", en: "Commissioning unit" },
  signed: { sv: "undertecknat", en: "signed" },
  reference: { sv: "Uppdrag", en: "Assignment" },
} as const;

export function agreementDocument(facts: AgreementFacts, locale: Locale): PrintableDocument {
  const text = (key: keyof typeof AGREEMENT) => t(AGREEMENT[key], locale);
  const period = `${facts.validFrom ?? text("notSet")} – ${facts.validTo ?? text("notSet")}`;
  return {
    title: text("title"),
    subtitle: text("subtitle"),
    issuer: `${facts.tenantName} – ${facts.networkName}`,
    sections: [
      {
        heading: text("parties"),
        rows: [
          { label: text("participant"), value: facts.participantName },
          { label: text("unit"), value: facts.unitName },
          ...(facts.unitContactName ? [{ label: text("contact"), value: facts.unitContactName }] : []),
          { label: text("coordination"), value: `${facts.networkName}, ${facts.tenantName}` },
        ],
      },
      {
        heading: text("assignment"),
        rows: [
          { label: text("title2"), value: facts.requestTitle },
          ...(facts.purpose ? [{ label: text("purpose"), value: facts.purpose }] : []),
          { label: text("period"), value: period },
          ...(facts.occasions.length > 0 ? [{ label: text("occasions"), value: facts.occasions.join("\n") }] : []),
          { label: text("compensation"), value: facts.compensation ?? text("compensationText") },
        ],
      },
      { heading: text("scope"), rows: [], text: facts.scope ?? text("notSet") },
    ],
    signatures: [
      { label: text("signParticipant"), signedAt: facts.signedByMemberAt ? `${text("signed")} ${facts.signedByMemberAt}` : null },
      { label: text("signUnit"), signedAt: facts.signedByUnitAt ? `${text("signed")} ${facts.signedByUnitAt}` : null },
    ],
    footer: `${facts.tenantName} · ${text("reference")} ${facts.assignmentId}`,
  };
}

// ─── Payroll summary ───────────────────────────────────────────────────────────────────────────────────────────

export interface PayrollSummaryFacts {
  readonly exportId: string;
  readonly tenantName: string;
  readonly payerName: string | null;
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly claimCount: number;
  readonly grossOre: number;
  readonly withholdingOre: number;
  readonly netOre: number;
  readonly persons: ReadonlyArray<{
    readonly personName: string;
    readonly personReference: string;
    readonly claimCount: number;
    readonly grossOre: number;
    readonly mileageOre: number;
    readonly expensesOre: number;
    readonly withholdingOre: number;
    readonly netOre: number;
    /** The domain's printable summary of the person (one line per occasion and the totals). */
    readonly text: string;
  }>;
}

const PAYROLL = {
  title: { sv: "Löneunderlag – sammanställning av arvoden", en: "Payroll – summary of fees" },
  subtitle: { sv: "Attesterade underlag skickade till lön", en: "Attested claims sent to payroll" },
  export: { sv: "Underlaget", en: "The export" },
  period: { sv: "Period", en: "Period" },
  payer: { sv: "Betalare", en: "Payer" },
  claims: { sv: "Antal underlag", en: "Claims" },
  gross: { sv: "Arvode brutto", en: "Gross fees" },
  withholding: { sv: "Skatteavdrag", en: "Tax withheld" },
  net: { sv: "Att betala ut", en: "Net to pay" },
  mileage: { sv: "Milersättning", en: "Mileage" },
  expenses: { sv: "Utlägg", en: "Expenses" },
  reference: { sv: "Referens", en: "Reference" },
  signPayroll: { sv: "Mottaget av löneservice", en: "Received by the payroll office" },
  signSender: { sv: "Skickat av", en: "Sent by" },
} as const;

export function payrollSummaryDocument(facts: PayrollSummaryFacts, locale: Locale): PrintableDocument {
  const text = (key: keyof typeof PAYROLL) => t(PAYROLL[key], locale);
  const money = (ore: number) => formatOre(ore, locale);
  return {
    title: text("title"),
    subtitle: text("subtitle"),
    issuer: facts.tenantName,
    sections: [
      {
        heading: text("export"),
        rows: [
          { label: text("period"), value: `${facts.periodFrom} – ${facts.periodTo}` },
          { label: text("payer"), value: facts.payerName ?? facts.tenantName },
          { label: text("claims"), value: String(facts.claimCount) },
          { label: text("gross"), value: money(facts.grossOre) },
          { label: text("withholding"), value: money(facts.withholdingOre) },
          { label: text("net"), value: money(facts.netOre) },
        ],
      },
      ...facts.persons.map((person) => ({
        heading: person.personName,
        rows: [
          { label: text("reference"), value: person.personReference },
          { label: text("claims"), value: String(person.claimCount) },
          { label: text("gross"), value: money(person.grossOre) },
          { label: text("mileage"), value: money(person.mileageOre) },
          { label: text("expenses"), value: money(person.expensesOre) },
          { label: text("withholding"), value: money(person.withholdingOre) },
          { label: text("net"), value: money(person.netOre) },
        ],
        text: person.text,
      })),
    ],
    signatures: [{ label: text("signSender") }, { label: text("signPayroll") }],
    footer: `${facts.tenantName} · ${text("export")} ${facts.exportId}`,
  };
}
