import { useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { completeSignIn } from "../auth/oidc";
import { setSession } from "../auth/session";
import { useI18n } from "../i18n";

export function AuthCallbackPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    // The code can be redeemed once: StrictMode's second effect run must not try again.
    if (started.current) return;
    started.current = true;
    completeSignIn(new URL(window.location.href))
      .then((done) => {
        setSession({
          tenant: done.tenant,
          accessToken: done.accessToken,
          expiresAt: done.expiresAt,
          ...(done.idToken ? { idToken: done.idToken } : {}),
          ...(done.endSessionEndpoint ? { endSessionEndpoint: done.endSessionEndpoint } : {}),
        });
        navigate(done.returnTo, { replace: true });
      })
      .catch((reason: unknown) => setFailure(reason instanceof Error ? reason.message : String(reason)));
  }, [navigate]);
  return (
    <>
      <h1>{failure ? t("signInFailed", { reason: "" }) : t("signingIn")}</h1>
      {failure ? (
        <>
          <p role="alert">{failure}</p>
          <p>
            <Link to="/">{t("signIn")}</Link>
          </p>
        </>
      ) : null}
    </>
  );
}
