import type { IdpAccountGroup } from "./identity-provider.js";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const TEXT = {
  sv: {
    title: "Logga in – utvecklingsinloggning",
    heading: "Logga in",
    intro: "Det här är Medverkans inloggning för utveckling. Välj vem du vill logga in som.",
    label: "Välj person",
    submit: "Logga in",
    newCitizen: "Ny medborgare",
    error: "Välj en person i listan, och skriv personnumret som ÅÅÅÅMMDD-NNNN om du anger ett.",
    other: "Övriga",
    number: "Personnummer för Ny medborgare (valfritt)",
    numberHint: "ÅÅÅÅMMDD-NNNN. Tomt: ett påhittat personnummer. Samma personnummer loggar in som samma person.",
  },
  en: {
    title: "Sign in – development sign-in",
    heading: "Sign in",
    intro: "This is Medverkan's development sign-in. Choose who to sign in as.",
    label: "Välj person (choose a person)",
    submit: "Logga in",
    newCitizen: "Ny medborgare",
    error: "Choose a person from the list, and write the personal identity number as YYYYMMDD-NNNN if you give one.",
    other: "Others",
    number: "Personnummer for Ny medborgare (optional)",
    numberHint: "YYYYMMDD-NNNN. Empty: a made-up number. The same number signs in as the same person.",
  },
} as const;

/**
 * The development login page: one labelled `<select>` of people grouped by region (plus "Ny medborgare – <region>")
 * and a submit button. Plain HTML with no script, so it works with a keyboard and a screen reader.
 */
export function renderLoginPage(input: {
  action: string;
  groups: IdpAccountGroup[];
  english: boolean;
  clientId: string;
  error?: boolean;
}): string {
  const text = input.english ? TEXT.en : TEXT.sv;
  const optgroups = input.groups
    .map((group) => {
      const options = group.accounts.map(
        (account) => `<option value="${escapeHtml(account.subject)}">${escapeHtml(account.label)}</option>`,
      );
      if (group.newCitizen) {
        options.push(`<option value="new-citizen:${escapeHtml(group.key)}">${escapeHtml(`${text.newCitizen} – ${group.label}`)}</option>`);
      }
      return `<optgroup label="${escapeHtml(group.label)}">${options.join("")}</optgroup>`;
    })
    .join("");
  const error = input.error ? `<p role="alert" id="person-error">${escapeHtml(text.error)}</p>` : "";
  return `<!doctype html>
<html lang="${input.english ? "en" : "sv"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a;background:#fff}
label{display:block;font-weight:600;margin-bottom:.25rem}
select,button,input{font:inherit;padding:.5rem;min-height:2.75rem}
select,input{width:100%;box-sizing:border-box}
label[for=personal_identity_number]{margin-top:1rem}
button{margin-top:1rem;background:#0b5394;color:#fff;border:2px solid #0b5394;border-radius:4px;padding:.5rem 1.5rem;cursor:pointer}
button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #f1a208;outline-offset:2px}
[role=alert]{color:#a00000;font-weight:600}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(text.heading)}</h1>
<p>${escapeHtml(text.intro)}</p>
${error}
<form method="post" action="${escapeHtml(input.action)}">
<label for="person">${escapeHtml(text.label)}</label>
<select id="person" name="person" required${input.error ? ' aria-invalid="true" aria-describedby="person-error"' : ""}>${optgroups}</select>
<label for="personal_identity_number">${escapeHtml(text.number)}</label>
<p id="pin-hint">${escapeHtml(text.numberHint)}</p>
<input id="personal_identity_number" name="personal_identity_number" inputmode="numeric" autocomplete="off" aria-describedby="pin-hint">
<button type="submit">${escapeHtml(text.submit)}</button>
</form>
</main>
</body>
</html>`;
}
