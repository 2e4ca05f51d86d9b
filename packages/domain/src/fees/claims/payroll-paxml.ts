import { create } from "xmlbuilder2";
import { FEE_CATEGORY_LABELS } from "../fee-schedule.js";
import { orderForPayroll, type PayrollClaim, type PayrollPersonIdentity } from "./payroll-file.js";

// Issue 21: the payroll export as PAXml 2.0, the Swedish standard for handing payroll data from a source system to
// a payroll program (www.paxml.se, "PAXml 2.0", 2013-03-13, schema http://www.paxml.se/2.0/paxml.xsd). What is used
// here, in the standard's own words:
// - the root `<paxml>` holds a `<header>` with `<version>2.0</version>` (required), `<format>LÖNIN</format>`
//   ("löneunderlag från försystem"), `<datum>` (export date and time) and who exported it;
// - `<lonetransaktioner>` holds one `<lonetrans>` per amount, identified by the attribute `anstid` (employee number)
//   and/or `persnr` (personal identity number, twelve digits): "Anställningsnummer eller personnummer måste finnas
//   med"; each carries a `<lonkod>` from the standard's list or a `<lonart>`, and `<datum>`, `<antal>`, `<belopp>`
//   as decimals with a point; `postid` numbers the transactions;
// - `<personal>` holds each person's `<person>` with name and, where the region pays to a registered account,
//   `<bankclearing>` and `<bankkonto>`;
// - `<koder>` names the general codes used (LT1 = "Lönetillägg övrigt 1" is the fee, LT2 the paid preparation), as
//   the standard suggests for codes "som har en allmänt hållen beskrivning";
// - `<resenheter>` carries the cost centre on dimension 1 (Kostnadsställe; a unit id is at most 10 characters).
// Values go to the payroll program as positive amounts; the program computes the tax (the withholding shown in the
// CSV is the platform's estimate, not a transaction).

/** The standard's codes used for each part of a claim. */
export const PAXML_CODES = {
  fee: "LT1",
  preparation: "LT2",
  mileage: "MIL_FRI",
  expenses: "UTLÄGG",
} as const;

export interface PaxmlOptions {
  /** Export date and time (the header's `datum`). */
  readonly createdAt: Date;
  readonly payerName: string | null;
  readonly period: { readonly from: string; readonly to: string };
  readonly exportId: string;
  /** Whether the region pays to the account the member registered: then `<bankclearing>`/`<bankkonto>` are sent. */
  readonly includeBankAccounts: boolean;
}

const SCHEMA = "http://www.paxml.se/2.0/paxml.xsd";
const RESENHET_MAX = 10;

/** Öre as an xs:decimal in kronor: 206300 → "2063.00". */
export function paxmlAmount(ore: number): string {
  const sign = ore < 0 ? "-" : "";
  const absolute = Math.abs(ore);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Minutes as hours, an xs:decimal to the hundredth: 270 → "4.50". */
export function paxmlHours(minutes: number): string {
  const hundredths = Math.round((minutes * 100) / 60);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, "0")}`;
}

/** The header's xs:dateTime, to the second, in UTC. */
function dateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Given name(s) and family name for `<fornamn>`/`<efternamn>`: the last word is the family name. */
function splitName(name: string): { given: string; family: string } {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { given: "", family: words[0] ?? "" };
  return { given: words.slice(0, -1).join(" "), family: words.at(-1) as string };
}

/**
 * The person reference PAXml requires on every transaction: `anstid` (the employee number) and/or `persnr`. A person
 * with neither gets the platform's own reference as `anstid`, which a payroll program can only match by hand — the
 * export lists them (`missingPayrollIdentity`) so that the coordinator adds the employee number first.
 */
export function paxmlPersonAttributes(person: PayrollPersonIdentity | undefined, personReference: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (person?.employeeNumber) attributes.anstid = person.employeeNumber;
  if (person?.personalIdentityNumber && /^\d{12}$/.test(person.personalIdentityNumber)) attributes.persnr = person.personalIdentityNumber;
  if (!attributes.anstid && !attributes.persnr) attributes.anstid = personReference;
  return attributes;
}

export function payrollPaxml(
  claims: readonly PayrollClaim[],
  people: ReadonlyMap<string, PayrollPersonIdentity>,
  options: PaxmlOptions,
): string {
  const ordered = orderForPayroll(claims);
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("paxml", {
    "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "xsi:noNamespaceSchemaLocation": SCHEMA,
  });
  const header = root.ele("header");
  header.ele("format").txt("LÖNIN");
  header.ele("version").txt("2.0");
  header.ele("datum").txt(dateTime(options.createdAt));
  if (options.payerName) header.ele("foretagnamn").txt(options.payerName);
  header.ele("programnamn").txt("Medverkan");
  header.ele("info").txt(`Löneunderlag ${options.period.from} – ${options.period.to}, export ${options.exportId}`);

  const withCostCentre = ordered.some((claim) => claim.costCentreCode && claim.costCentreCode.length <= RESENHET_MAX);
  if (withCostCentre) root.ele("dimensioner").ele("dimension", { dim: "1", namn: "Kostnadsställe" });
  const koder = root.ele("koder");
  koder.ele("kod", { id: PAXML_CODES.fee, namn: "Arvode" });
  koder.ele("kod", { id: PAXML_CODES.preparation, namn: "Arvode för förberedelse" });

  const transactions = root.ele("lonetransaktioner");
  let postid = 0;
  for (const claim of ordered) {
    const who = paxmlPersonAttributes(people.get(claim.personReference), claim.personReference);
    const category = FEE_CATEGORY_LABELS[claim.category].sv;
    const parts: Array<{ code: string; name: string; quantity?: string; ore: number }> = [
      { code: PAXML_CODES.fee, name: `Arvode, ${category}`, quantity: paxmlHours(claim.countedMinutes), ore: claim.grossOre },
      { code: PAXML_CODES.preparation, name: "Förberedelse", quantity: paxmlHours(claim.preparationMinutes), ore: claim.preparationOre },
      // Mileage in the code's unit, Swedish mil (10 km).
      { code: PAXML_CODES.mileage, name: "Milersättning", quantity: (claim.mileageKm / 10).toFixed(1), ore: claim.mileageOre },
      { code: PAXML_CODES.expenses, name: "Utlägg", ore: claim.expensesOre },
    ];
    // A claim of nothing but zeros still appears once (its fee line), so no attested claim vanishes from the file.
    const sent = parts.filter((part, index) => part.ore !== 0 || (index === 0 && parts.every((other) => other.ore === 0)));
    for (const part of sent) {
      postid += 1;
      const trans = transactions.ele("lonetrans", { postid: String(postid), ...who });
      trans.ele("lonkod").txt(part.code);
      trans.ele("benamning").txt(part.name);
      trans.ele("datum").txt(claim.occasionDate);
      if (part.quantity !== undefined) trans.ele("antal").txt(part.quantity);
      trans.ele("belopp").txt(paxmlAmount(part.ore));
      if (claim.costCentreCode && claim.costCentreCode.length <= RESENHET_MAX) {
        trans.ele("resenheter").ele("resenhet", { dim: "1", id: claim.costCentreCode });
      } else if (claim.costCentreCode) {
        trans.ele("kommentar").txt(`Ansvar ${claim.costCentreCode}`);
      }
      trans.ele("info").txt(`Underlag ${claim.claimId}`);
    }
  }

  const personal = root.ele("personal");
  const seen = new Set<string>();
  for (const claim of ordered) {
    if (seen.has(claim.personReference)) continue;
    seen.add(claim.personReference);
    const identity = people.get(claim.personReference);
    const person = personal.ele("person", paxmlPersonAttributes(identity, claim.personReference));
    const name = splitName(claim.personName);
    if (name.given) person.ele("fornamn").txt(name.given);
    person.ele("efternamn").txt(name.family);
    if (options.includeBankAccounts && identity?.bankAccount) {
      person.ele("bankclearing").txt(identity.bankAccount.clearingNumber);
      person.ele("bankkonto").txt(identity.bankAccount.accountNumber);
    }
  }
  return root.end({ prettyPrint: true });
}
