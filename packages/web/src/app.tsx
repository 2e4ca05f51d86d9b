import { createContext, lazy, type ReactNode, Suspense, useContext, useEffect, useMemo, useRef, useState } from "react";
import { Link, NavLink, Route, Routes, useLocation, useNavigate } from "react-router";
import { Provider, useQuery, useSubscription } from "urql";
import { setSession, useSession } from "./auth/session";
import { graphql } from "./generated";
import type { ViewerQuery } from "./generated/graphql";
import { createGraphqlClient } from "./graphql/client";
import { type MessageKey, useI18n } from "./i18n";
import { AnnualReportPage } from "./pages/annual-report";
import { AuthCallbackPage } from "./pages/auth-callback";
import { FeeClaimsPage } from "./pages/fee-claims";
import { HomePage } from "./pages/home";
import { InboxPage } from "./pages/inbox";
import { IntakePage } from "./pages/intake";
import { IntakeMemberPage } from "./pages/intake-member";
import { InvitationsPage } from "./pages/invitations";
import { MyAssignmentsPage } from "./pages/my-assignments";
import { MyDataPage } from "./pages/my-data";
import { MyPagesPage } from "./pages/my-pages";
import { NewRequestPage } from "./pages/new-request";
import { PlatformSignInPage } from "./pages/operator/sign-in";
import { PayrollPage } from "./pages/payroll";
import { PoolPage } from "./pages/pool";
import { PostalRegistrationPage } from "./pages/postal-registration";
import { RegionPage } from "./pages/region";
import { RegisterPage } from "./pages/register";
import { RequestPage } from "./pages/request";
import { RequestsPage } from "./pages/requests";
import { SignInPage } from "./pages/sign-in";
import { StatisticsPage } from "./pages/statistics";
import { TrainingSessionsPage } from "./pages/training-sessions";

// Administration (tenant admin) and the platform operator's page, loaded when first opened.
const AdminArea = lazy(() => import("./pages/admin/index"));
const OperatorTenantsPage = lazy(() => import("./pages/operator/tenants"));

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      kind
      name
      subject
      tenant { id slug name currency }
      roles { role unitId network { id name } }
      member { id givenName familyName }
    }
  }
`);

const UnreadCountDocument = graphql(`
  query UnreadCount {
    myInbox { unreadCount countedAt }
  }
`);

const InboxAddedDocument = graphql(`
  subscription InboxAdded($since: DateTimeISO) {
    inboxNotificationAdded(since: $since) { id }
  }
`);

export type Viewer = NonNullable<ViewerQuery["me"]>;
const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in person as the API sees them (`me`); null before sign-in. */
export function useViewer(): Viewer | null {
  return useContext(ViewerContext);
}

export function hasRole(viewer: Viewer | null, role: "REQUESTER" | "COORDINATOR" | "ANALYST" | "TENANT_ADMIN"): boolean {
  return viewer?.roles.some((grant) => grant.role === role) ?? false;
}

export function App() {
  const session = useSession();
  // A new client (and so an empty cache) for every session: nothing one person read is shown to the next.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the token is the reason to start over
  const client = useMemo(() => createGraphqlClient(), [session?.accessToken]);
  return (
    <Provider value={client}>
      <SignedInApp />
    </Provider>
  );
}

function SignedInApp() {
  const session = useSession();
  const [{ data, fetching }] = useQuery({ query: ViewerDocument, pause: !session, requestPolicy: "network-only" });
  const viewer = session ? (data?.me ?? null) : null;
  return (
    <ViewerContext.Provider value={viewer}>
      <Layout loading={Boolean(session) && fetching && !data}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/region" element={<RegionPage />} />
          <Route path="/signin/:tenant" element={<SignInPage />} />
          <Route path="/auth/callback" element={<AuthCallbackPage />} />
          <Route path="/operator/signin" element={<PlatformSignInPage />} />
          <Route path="/requests" element={<RequestsPage />} />
          <Route path="/requests/new" element={<NewRequestPage />} />
          <Route path="/requests/:id" element={<RequestPage />} />
          <Route path="/invitations" element={<InvitationsPage />} />
          <Route path="/fee-claims" element={<FeeClaimsPage />} />
          <Route path="/payroll" element={<PayrollPage />} />
          <Route path="/intake" element={<IntakePage />} />
          <Route path="/intake/register" element={<PostalRegistrationPage />} />
          <Route path="/intake/sessions" element={<TrainingSessionsPage />} />
          <Route path="/members/:id" element={<IntakeMemberPage />} />
          <Route path="/pool" element={<PoolPage />} />
          <Route path="/my" element={<MyPagesPage />} />
          <Route path="/my/data" element={<MyDataPage />} />
          <Route path="/my/assignments" element={<MyAssignmentsPage />} />
          <Route path="/register" element={<RegisterPage />} />
          <Route path="/statistics" element={<StatisticsPage />} />
          <Route path="/annual-report" element={<AnnualReportPage />} />
          <Route path="/inbox" element={<InboxPage />} />
          <Route
            path="/admin/*"
            element={
              <Lazy>
                <AdminArea />
              </Lazy>
            }
          />
          <Route
            path="/operator/tenants"
            element={
              <Lazy>
                <OperatorTenantsPage />
              </Lazy>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </ViewerContext.Provider>
  );
}

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Suspense fallback={<p aria-live="polite">{t("loading")}</p>}>{children}</Suspense>;
}

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("notFound")}</h1>
      <p>
        <Link to="/">{t("navHome")}</Link>
      </p>
    </>
  );
}

interface NavItem {
  to: string;
  label: MessageKey;
}

function navigationFor(viewer: Viewer | null): NavItem[] {
  if (!viewer) return [];
  const items: NavItem[] = [{ to: "/", label: "navHome" }];
  if (hasRole(viewer, "REQUESTER")) items.push({ to: "/requests/new", label: "navNewRequest" }, { to: "/requests", label: "navRequests" });
  // The unit's fee claims (it fills them in, and attests them where the region lets units attest: Jönköping).
  if (hasRole(viewer, "REQUESTER")) items.push({ to: "/fee-claims", label: "navFeeClaims" });
  if (hasRole(viewer, "COORDINATOR")) {
    if (!hasRole(viewer, "REQUESTER")) items.push({ to: "/requests", label: "navRequests" });
    items.push({ to: "/intake", label: "navIntake" }, { to: "/pool", label: "coordNavPool" });
    if (!hasRole(viewer, "REQUESTER")) items.push({ to: "/fee-claims", label: "navFeeClaims" });
    items.push({ to: "/payroll", label: "navPayroll" });
  }
  if (viewer.member) {
    items.push(
      { to: "/invitations", label: "navInvitations" },
      { to: "/my/assignments", label: "memberNavAssignments" },
      { to: "/fee-claims", label: "navFeeClaims" },
      { to: "/my", label: "navMyPages" },
      { to: "/my/data", label: "navMyData" },
    );
  } else if (viewer.kind === "CITIZEN") items.push({ to: "/register", label: "memberNavRegister" });
  // Coordinators read their own networks' statistics (Östergötland's coordination function "tar fram årlig statistik").
  if (hasRole(viewer, "ANALYST") || hasRole(viewer, "TENANT_ADMIN") || hasRole(viewer, "COORDINATOR"))
    items.push({ to: "/statistics", label: "navStatistics" }, { to: "/annual-report", label: "analystNavAnnualReport" });
  if (hasRole(viewer, "TENANT_ADMIN")) items.push({ to: "/admin", label: "adminNav" });
  if (viewer.kind === "PLATFORM_OPERATOR") items.push({ to: "/operator/tenants", label: "operatorNav" });
  return items;
}

function Layout({ children, loading }: { children: ReactNode; loading: boolean }) {
  const { t, language, setLanguage } = useI18n();
  const viewer = useViewer();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After navigation, focus moves to the new page's content, so screen-reader and keyboard users start there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change on purpose
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  const signOut = () => {
    setSession(null);
    navigate("/");
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            {t("appName")}
            {viewer?.tenant ? <span className="region-name"> · {viewer.tenant.name}</span> : null}
          </Link>
          <div className="header-actions">
            {viewer && (viewer.member || viewer.roles.length > 0) ? <InboxLink /> : null}
            <button
              type="button"
              className="link-button"
              lang={language === "sv" ? "en" : "sv"}
              onClick={() => setLanguage(language === "sv" ? "en" : "sv")}
            >
              {t("switchLanguage")}
            </button>
            {session ? (
              <button type="button" className="secondary" onClick={signOut}>
                {t("signOut")}
              </button>
            ) : null}
          </div>
        </div>
        {viewer ? (
          <nav aria-label={t("mainNav")}>
            <ul>
              {navigationFor(viewer).map((item) => (
                <li key={item.to + item.label}>
                  <NavLink to={item.to} end>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {loading ? <p aria-live="polite">{t("loading")}</p> : children}
      </main>
    </>
  );
}

/**
 * The inbox in the header, with the unread count kept current by the `inboxNotificationAdded` subscription. The
 * subscription resumes from the first count's `countedAt`, so a line written while the socket was opening (or
 * reconnecting) is sent too; a line already seen is not a reason to count again.
 */
function InboxLink() {
  const { t } = useI18n();
  const location = useLocation();
  const [{ data }, refetch] = useQuery({ query: UnreadCountDocument, requestPolicy: "network-only" });
  const [since, setSince] = useState<string | null>(null);
  const countedAt = data?.myInbox?.countedAt as string | undefined;
  useEffect(() => {
    if (countedAt) setSince((first) => first ?? countedAt);
  }, [countedAt]);
  const [{ data: added }] = useSubscription({ query: InboxAddedDocument, variables: { since }, pause: since === null });
  const newest = added?.inboxNotificationAdded.id;
  const seen = useRef(new Set<string>());
  // biome-ignore lint/correctness/useExhaustiveDependencies: refetch is stable; leaving the inbox page is a reason to count again
  useEffect(() => {
    refetch({ requestPolicy: "network-only" });
  }, [location.pathname]);
  useEffect(() => {
    if (newest === undefined || seen.current.has(newest)) return;
    seen.current.add(newest);
    refetch({ requestPolicy: "network-only" });
  }, [newest, refetch]);
  const unread = data?.myInbox?.unreadCount ?? 0;
  return (
    <Link to="/inbox" className="inbox-link">
      {t("navInbox")}
      {unread > 0 ? (
        <span className="badge">
          <span aria-hidden="true">{unread}</span>
          <span className="visually-hidden">{t("unreadCount", { count: unread })}</span>
        </span>
      ) : null}
    </Link>
  );
}
