// E-mail addresses are compared and stored trimmed and in lower case: mail servers treat the
// domain, and in practice the local part, case-insensitively, and "Anna@Example.se" registering
// twice should be recognised as the same person.

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** The normalised address, or null if it is not a plausible e-mail address. */
export function normaliseEmail(value: string): string | null {
  const email = value.normalize("NFC").trim().toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (at < 1 || local.length > 64 || !LOCAL_PART.test(local)) return null;
  const labels = domain.split(".");
  const topLevel = labels[labels.length - 1] ?? "";
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  return /^\p{L}{2,}$/u.test(topLevel) ? email : null;
}
