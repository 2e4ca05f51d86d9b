import { type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { useQuery } from "urql";
import { chooseRegion, chosenRegion } from "../auth/session";
import { graphql } from "../generated";
import { useI18n } from "../i18n";

// The regions this app is set up for (each a tenant slug); their names come from the API's public `tenant` query.
export const REGIONS = ["jonkoping", "vgr", "kalmar", "ostergotland"] as const;

const RegionNameDocument = graphql(`
  query RegionName($slug: String!) {
    tenant(slug: $slug) { id name slug }
  }
`);

function RegionOption({ slug, checked, onChange }: { slug: string; checked: boolean; onChange(slug: string): void }) {
  const [{ data }] = useQuery({ query: RegionNameDocument, variables: { slug } });
  if (data && !data.tenant) return null;
  return (
    <div className="choice">
      <input type="radio" id={`region-${slug}`} name="region" value={slug} checked={checked} onChange={() => onChange(slug)} />
      <label htmlFor={`region-${slug}`}>{data?.tenant?.name ?? slug}</label>
    </div>
  );
}

export function RegionPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [region, setRegion] = useState<string>(chosenRegion() ?? "");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!region) return;
    chooseRegion(region);
    // "Anmäl intresse" signs in first and comes back to the interest registration.
    const registering = (event.nativeEvent as SubmitEvent).submitter?.id === "register-interest";
    navigate(registering ? `/signin/${region}?next=/register` : `/signin/${region}`);
  };
  return (
    <>
      <h1>{t("chooseRegionTitle")}</h1>
      <p>{t("chooseRegionIntro")}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t("region")}</legend>
          {REGIONS.map((slug) => (
            <RegionOption key={slug} slug={slug} checked={region === slug} onChange={setRegion} />
          ))}
        </fieldset>
        <button type="submit" disabled={!region}>
          {t("continue")}
        </button>
        <p>{t("memberRegisterFromRegion")}</p>
        <button type="submit" id="register-interest" className="secondary" disabled={!region}>
          {t("memberRegisterButton")}
        </button>
      </form>
      <p className="hint">
        <Link to="/operator/signin">{t("platformSignInLink")}</Link>
      </p>
    </>
  );
}
