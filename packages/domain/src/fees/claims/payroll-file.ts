import type { Locale, LocalizedText } from "../../messages/locale.js";
import { spreadsheetCsv } from "../../text/spreadsheet-csv.js";
import { FEE_CATEGORY_LABELS, type FeeCategory, type PayoutMethod } from "../fee-schedule.js";
import { formatMinutes, formatOre } from "../format.js";

// What a payroll office receives for a batch of attested claims: one CSV row per claim with the columns it keys
// into the salary system (Jönköping's "Reseräkning utan traktamente": ansvarskod, arbetad tid, milersättning,
// utlägg), and for each person a printable summary that can be filed or sent with the batch. Semicolons and decimal
// commas, because that is what Swedish spreadsheet and payroll software reads.

export interface PayrollClaim {
  readonly claimId: string;
  /** The platform's reference for the person (the member id); the payroll's own references are PayrollPersonIdentity. */
  readonly personReference: string;
  readonly personName: string;
  readonly costCentreCode: string | null;
  readonly occasionDate: string;
  readonly category: FeeCategory;
  /** Minutes the fee was computed on (the occasion, plus travel when the schedule counts it). */
  readonly countedMinutes: number;
  readonly preparationMinutes: number;
  readonly grossOre: number;
  readonly preparationOre: number;
  readonly mileageKm: number;
  readonly mileageOre: number;
  readonly expensesOre: number;
  readonly withholdingOre: number;
  readonly netOre: number;
  readonly payoutMethod: PayoutMethod;
}

/**
 * Who the payroll office pays (issue 21), read from the member's protected fields only when a file is written: the
 * personal identity number where the region records it, the employee number, and the bank account where the region
 * pays to an account the member registered.
 */
export interface PayrollPersonIdentity {
  /** Twelve digits, YYYYMMDDNNNN. */
  readonly personalIdentityNumber: string | null;
  readonly employeeNumber: string | null;
  readonly bankAccount: { readonly clearingNumber: string; readonly accountNumber: string } | null;
}

// The payroll references (issue 21) come after "Paid as": the columns a payroll office already maps keep their places,
// and the claim stays last.
const COLUMNS = [
  { key: "personReference", sv: "Personreferens", en: "Person reference" },
  { key: "personName", sv: "Namn", en: "Name" },
  { key: "costCentre", sv: "Ansvarskod", en: "Cost centre" },
  { key: "date", sv: "Datum", en: "Date" },
  { key: "category", sv: "Kategori", en: "Category" },
  { key: "hours", sv: "Timmar", en: "Hours" },
  { key: "gross", sv: "Arvode brutto", en: "Gross fee" },
  { key: "preparation", sv: "Förberedelse", en: "Preparation" },
  { key: "mileage", sv: "Milersättning", en: "Mileage" },
  { key: "expenses", sv: "Utlägg", en: "Expenses" },
  { key: "withholding", sv: "Skatteavdrag", en: "Tax withheld" },
  { key: "net", sv: "Att betala ut", en: "Net to pay" },
  { key: "payoutMethod", sv: "Utbetalning", en: "Paid as" },
  { key: "personalIdentityNumber", sv: "Personnummer", en: "Personal identity number" },
  { key: "employeeNumber", sv: "Anställningsnummer", en: "Employee number" },
  { key: "clearingNumber", sv: "Clearingnummer", en: "Clearing number" },
  { key: "accountNumber", sv: "Kontonummer", en: "Account number" },
  { key: "claimId", sv: "Underlag", en: "Claim" },
] as const;

const PAYOUT_LABELS: Readonly<Record<PayoutMethod, LocalizedText>> = {
  SALARY: { sv: "lön", en: "salary" },
  FEE: { sv: "arvode", en: "fee" },
};

/** Öre as kronor with two decimals and a decimal comma, no grouping: 206300 → "2063,00". */
export function kronorCell(ore: number): string {
  const sign = ore < 0 ? "-" : "";
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, "0")}`;
}

/** Minutes as hours with two decimals: 270 → "4,50". */
export function hoursCell(minutes: number): string {
  const hundredths = Math.round((minutes * 100) / 60);
  return `${Math.floor(hundredths / 100)},${String(hundredths % 100).padStart(2, "0")}`;
}

/** Claims in the order a payroll office works through them: by person, then by date. */
export function orderForPayroll<T extends Pick<PayrollClaim, "personName" | "personReference" | "occasionDate" | "claimId">>(
  claims: readonly T[],
): T[] {
  return [...claims].sort(
    (a, b) =>
      a.personName.localeCompare(b.personName, "sv") ||
      a.personReference.localeCompare(b.personReference) ||
      a.occasionDate.localeCompare(b.occasionDate) ||
      a.claimId.localeCompare(b.claimId),
  );
}

/** `YYYYMMDD-NNNN`, as Swedish payroll programs read a personal identity number in a spreadsheet. */
function identityNumberCell(twelveDigits: string | null): string {
  return twelveDigits && /^\d{12}$/.test(twelveDigits) ? `${twelveDigits.slice(0, 8)}-${twelveDigits.slice(8)}` : "";
}

export function payrollCsv(
  claims: readonly PayrollClaim[],
  locale: Locale = "sv",
  people: ReadonlyMap<string, PayrollPersonIdentity> = new Map(),
): string {
  const rows = orderForPayroll(claims).map((claim) => {
    const person = people.get(claim.personReference);
    return [
      claim.personReference,
      claim.personName,
      claim.costCentreCode ?? "",
      claim.occasionDate,
      FEE_CATEGORY_LABELS[claim.category][locale],
      hoursCell(claim.countedMinutes + claim.preparationMinutes),
      kronorCell(claim.grossOre),
      kronorCell(claim.preparationOre),
      kronorCell(claim.mileageOre),
      kronorCell(claim.expensesOre),
      kronorCell(claim.withholdingOre),
      kronorCell(claim.netOre),
      PAYOUT_LABELS[claim.payoutMethod][locale],
      identityNumberCell(person?.personalIdentityNumber ?? null),
      person?.employeeNumber ?? "",
      person?.bankAccount?.clearingNumber ?? "",
      person?.bankAccount?.accountNumber ?? "",
      claim.claimId,
    ];
  });
  // spreadsheetCsv: a name that starts like a formula is written as text (text/spreadsheet-csv.ts).
  return spreadsheetCsv(rows, {
    header: true,
    columns: COLUMNS.map((column) => ({ key: column.key, header: column[locale] })),
  });
}

export interface PersonSummary {
  readonly personReference: string;
  readonly personName: string;
  readonly claimCount: number;
  readonly grossOre: number;
  readonly preparationOre: number;
  readonly mileageOre: number;
  readonly expensesOre: number;
  readonly withholdingOre: number;
  readonly netOre: number;
  /** Printable plain text: one line per occasion, then the totals. */
  readonly text: string;
}

const SUMMARY_TEXT = {
  title: { sv: "Sammanställning av arvoden", en: "Summary of fees" },
  period: { sv: "Period", en: "Period" },
  person: { sv: "Person", en: "Person" },
  reference: { sv: "Referens", en: "Reference" },
  fee: { sv: "arvode", en: "fee" },
  preparation: { sv: "förberedelse", en: "preparation" },
  mileage: { sv: "milersättning", en: "mileage" },
  expenses: { sv: "utlägg", en: "expenses" },
  withholding: { sv: "skatteavdrag", en: "tax withheld" },
  net: { sv: "att betala ut", en: "to pay" },
  total: { sv: "Summa", en: "Total" },
} as const;

export function personSummaries(
  claims: readonly PayrollClaim[],
  period: { readonly from: string; readonly to: string },
  locale: Locale = "sv",
): PersonSummary[] {
  const byPerson = new Map<string, PayrollClaim[]>();
  for (const claim of orderForPayroll(claims)) {
    byPerson.set(claim.personReference, [...(byPerson.get(claim.personReference) ?? []), claim]);
  }
  const t = (text: LocalizedText) => text[locale];
  const money = (ore: number) => formatOre(ore, locale);
  return [...byPerson.values()].map((own) => {
    const first = own[0] as PayrollClaim;
    const sum = (pick: (claim: PayrollClaim) => number) => own.reduce((total, claim) => total + pick(claim), 0);
    const totals = {
      grossOre: sum((claim) => claim.grossOre),
      preparationOre: sum((claim) => claim.preparationOre),
      mileageOre: sum((claim) => claim.mileageOre),
      expensesOre: sum((claim) => claim.expensesOre),
      withholdingOre: sum((claim) => claim.withholdingOre),
      netOre: sum((claim) => claim.netOre),
    };
    const line = (parts: {
      grossOre: number;
      preparationOre: number;
      mileageOre: number;
      expensesOre: number;
      withholdingOre: number;
      netOre: number;
    }) =>
      [
        `${t(SUMMARY_TEXT.fee)} ${money(parts.grossOre)}`,
        ...(parts.preparationOre > 0 ? [`${t(SUMMARY_TEXT.preparation)} ${money(parts.preparationOre)}`] : []),
        ...(parts.mileageOre > 0 ? [`${t(SUMMARY_TEXT.mileage)} ${money(parts.mileageOre)}`] : []),
        ...(parts.expensesOre > 0 ? [`${t(SUMMARY_TEXT.expenses)} ${money(parts.expensesOre)}`] : []),
        ...(parts.withholdingOre > 0 ? [`${t(SUMMARY_TEXT.withholding)} ${money(parts.withholdingOre)}`] : []),
        `${t(SUMMARY_TEXT.net)} ${money(parts.netOre)}`,
      ].join(", ");
    const text = [
      t(SUMMARY_TEXT.title),
      `${t(SUMMARY_TEXT.period)}: ${period.from} – ${period.to}`,
      `${t(SUMMARY_TEXT.person)}: ${first.personName}`,
      `${t(SUMMARY_TEXT.reference)}: ${first.personReference}`,
      "",
      ...own.map(
        (claim) =>
          `${claim.occasionDate}  ${t(FEE_CATEGORY_LABELS[claim.category])} (${formatMinutes(claim.countedMinutes)})` +
          `${claim.costCentreCode ? `  [${claim.costCentreCode}]` : ""}: ${line(claim)}`,
      ),
      "",
      `${t(SUMMARY_TEXT.total)}: ${line(totals)}`,
      "",
    ].join("\n");
    return { personReference: first.personReference, personName: first.personName, claimCount: own.length, ...totals, text };
  });
}
