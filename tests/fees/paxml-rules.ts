import { create } from "xmlbuilder2";

// PAXml 2.0's rules for salary transactions, as its documentation ("PAXml 2.0", www.paxml.se, 2013-03-13) states
// them, checked on a whole file. The standard's schema file (paxml.xsd) could not be fetched here (only package
// registries are reachable), so the file is checked against these documented rules instead:
// - the root element is <paxml> with a <header> whose <version> is "2.0";
// - salary transactions are <lonetrans> elements inside <lonetransaktioner>;
// - every transaction names the person by `anstid` and/or `persnr` ("Anställningsnummer eller personnummer måste finnas
//   med"); `persnr` is Text[12]: twelve digits, yyyymmddnnnn;
// - every transaction has a <lonkod> or a <lonart> (the wage code the payroll system maps);
// - <datum> is a date yyyy-mm-dd; <antal>, <apris> and <belopp> are decimals with a point.

type XmlNode = { [key: string]: unknown };
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
const DECIMAL = /^-?\d+(\.\d+)?$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** The documented rules the file breaks (empty: none). */
export function paxmlRuleViolations(xml: string): string[] {
  let root: XmlNode;
  try {
    root = create(xml).end({ format: "object" }) as XmlNode;
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`];
  }
  const paxml = root.paxml as XmlNode | undefined;
  if (!paxml) return ["the root element is not <paxml>"];
  const problems: string[] = [];
  const header = paxml.header as XmlNode | undefined;
  if (text(header?.version) !== "2.0") problems.push("the header's <version> is not 2.0");
  const transactions = list((paxml.lonetransaktioner as XmlNode | undefined)?.lonetrans as XmlNode | XmlNode[] | undefined);
  transactions.forEach((line, index) => {
    const at = `<lonetrans> ${index + 1}`;
    const anstid = text(line["@anstid"]);
    const persnr = text(line["@persnr"]);
    if (!anstid && !persnr) problems.push(`${at} names no person (anstid or persnr)`);
    if (persnr !== undefined && !/^\d{12}$/u.test(persnr)) problems.push(`${at}: persnr is not twelve digits`);
    if (text(line.lonkod) === undefined && text(line.lonart) === undefined) problems.push(`${at} has neither <lonkod> nor <lonart>`);
    const datum = text(line.datum);
    if (datum !== undefined && !DATE.test(datum)) problems.push(`${at}: <datum> is not yyyy-mm-dd`);
    for (const name of ["antal", "apris", "belopp"]) {
      const value = text(line[name]);
      if (value !== undefined && !DECIMAL.test(value)) problems.push(`${at}: <${name}> is not a decimal`);
    }
  });
  return problems;
}
