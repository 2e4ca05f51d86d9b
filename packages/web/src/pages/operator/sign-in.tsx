import { useState } from "react";
import { Link, Navigate } from "react-router";
import { useQuery } from "urql";
import { beginSignIn } from "../../auth/oidc";
import { useSession } from "../../auth/session";
import { graphql } from "../../generated";
import { useI18n } from "../../i18n";

// Platform operators sign in like everyone else (OpenID Connect, code flow with PKCE), at the platform's own issuer
// for the platform's audience; the API publishes where (`platformSignIn`), so the app holds no address of its own.

export const PlatformSignInDocument = graphql(`
  query PlatformSignIn {
    platformSignIn { issuer audience clientId }
  }
`);

/** The session's region for a platform operator: none (the operator works across regions, never inside one). */
const NO_REGION = "";

export function PlatformSignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const [{ data, fetching, error }] = useQuery({ query: PlatformSignInDocument });
  const [failure, setFailure] = useState<string | null>(null);
  if (session) return <Navigate to="/operator/tenants" replace />;
  if (fetching && !data) return <p>{t("loading")}</p>;
  const provider = data?.platformSignIn;
  return (
    <>
      <h1>{t("platformSignInTitle")}</h1>
      <p>{t("platformSignInIntro")}</p>
      {failure ? (
        <p role="alert" className="status status-error">
          {t("signInFailed", { reason: failure })}
        </p>
      ) : null}
      {error ? <p role="alert">{error.message}</p> : null}
      {provider ? (
        <button
          type="button"
          onClick={() =>
            beginSignIn(NO_REGION, { id: "platform", ...provider }, "/operator/tenants").catch((reason: unknown) =>
              setFailure(reason instanceof Error ? reason.message : String(reason)),
            )
          }
        >
          {t("signIn")}
        </button>
      ) : (
        <p>{t("platformSignInMissing")}</p>
      )}
      <p>
        <Link to="/region">{t("changeRegion")}</Link>
      </p>
    </>
  );
}
