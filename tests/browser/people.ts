/**
 * A valid personnummer as a person types it (`YYYYMMDD-NNNC`, the check digit by the Luhn algorithm) for `yyyymmdd`
 * and a three-digit serial: what a citizen gives the development identity provider or the registration form.
 */
export function personnummer(yyyymmdd: string, serial: string): string {
  const digits = `${yyyymmdd.slice(2)}${serial}`;
  const sum = [...digits].reduce((total, digit, index) => {
    const product = Number(digit) * (index % 2 === 0 ? 2 : 1);
    return total + (product > 9 ? product - 9 : product);
  }, 0);
  return `${yyyymmdd}-${serial}${(10 - (sum % 10)) % 10}`;
}
