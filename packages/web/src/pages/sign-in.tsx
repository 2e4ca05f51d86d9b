import { useState } from "react";
import { Link, Navigate, useParams, useSearchParams } from "react-router";
import { useQuery } from "urql";
import { beginSignIn } from "../auth/oidc";
import { chooseRegion, useSession } from "../auth/session";
import { graphql } from "../generated";
import { useI18n } from "../i18n";

const SignInDocument = graphql(`
  query SignInProviders($slug: String!) {
    tenant(slug: $slug) {
      id
      name
      identityProviders { id name kind issuer audience clientId }
    }
  }
`);

export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const { tenant: slug = "" } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: SignInDocument, variables: { slug } });
  const [failure, setFailure] = useState<string | null>(null);
  // Where to go after signing in (`?next=/register`): only a path of this app.
  const [search] = useSearchParams();
  const requested = search.get("next") ?? "/";
  const next = requested.startsWith("/") && !requested.startsWith("//") ? requested : "/";
  if (session) return <Navigate to={next} replace />;
  if (fetching && !data) return <p>{t("loading")}</p>;
  const tenant = data?.tenant;
  if (!tenant) {
    return (
      <>
        <h1>{t("notFound")}</h1>
        {error ? <p role="alert">{error.message}</p> : null}
        <p>
          <Link to="/region">{t("changeRegion")}</Link>
        </p>
      </>
    );
  }
  // Only providers with a public browser client can sign a person in here (a tenant's token-only issuer cannot).
  const providers = tenant.identityProviders.flatMap((provider) =>
    provider.clientId ? [{ ...provider, clientId: provider.clientId }] : [],
  );
  return (
    <>
      <h1>{t("signInTitle", { region: tenant.name })}</h1>
      {failure ? (
        <p role="alert" className="status status-error">
          {t("signInFailed", { reason: failure })}
        </p>
      ) : null}
      {providers.length === 0 ? <p>{t("noIdentityProvider")}</p> : null}
      <ul className="providers">
        {providers.map((provider) => (
          <li key={provider.id}>
            <button
              type="button"
              onClick={() => {
                chooseRegion(slug);
                beginSignIn(slug, provider, next).catch((reason: unknown) =>
                  setFailure(reason instanceof Error ? reason.message : String(reason)),
                );
              }}
            >
              {providers.length === 1 ? t("signIn") : t("signInWith", { name: provider.name })}
            </button>
            {provider.kind === "CITIZEN" ? <span className="hint"> {t("signInCitizen")}</span> : null}
            {provider.kind === "STAFF" ? <span className="hint"> {t("signInStaff")}</span> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to="/region">{t("changeRegion")}</Link>
      </p>
    </>
  );
}
