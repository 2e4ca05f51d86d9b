import { Link, Navigate } from "react-router";
import { hasRole, useViewer } from "../app";
import { chosenRegion, useSession } from "../auth/session";
import { type MessageKey, useI18n } from "../i18n";

export function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const viewer = useViewer();
  if (!session) {
    const region = chosenRegion();
    return <Navigate to={region ? `/signin/${region}` : "/region"} replace />;
  }
  if (!viewer) return <p>{t("errorGeneric")}</p>;
  const roles: MessageKey[] = viewer.roles.map((grant) => `role${grant.role}` as MessageKey);
  if (viewer.member) roles.push("roleMEMBER");
  if (viewer.kind === "PLATFORM_OPERATOR") roles.push("rolePLATFORM_OPERATOR");
  if (viewer.kind === "CITIZEN") roles.push("roleCITIZEN");
  return (
    <>
      <h1>{t("welcome", { name: viewer.name ?? viewer.member?.givenName ?? viewer.subject })}</h1>
      {viewer.tenant ? <p>{t("signedInAs", { region: viewer.tenant.name })}</p> : null}
      <h2>{t("yourRoles")}</h2>
      <ul className="roles">
        {viewer.roles.map((grant) => (
          <li key={`${grant.role}-${grant.network?.id ?? ""}-${grant.unitId ?? ""}`}>
            {t(`role${grant.role}` as MessageKey)}
            {grant.network ? ` – ${grant.network.name}` : ""}
          </li>
        ))}
        {roles
          .filter((role) => !role.startsWith("role") || !viewer.roles.some((g) => `role${g.role}` === role))
          .map((role) => (
            <li key={role}>{t(role)}</li>
          ))}
      </ul>
      <ul className="cards">
        {hasRole(viewer, "REQUESTER") ? (
          <li>
            <Link to="/requests/new">{t("navNewRequest")}</Link>
          </li>
        ) : null}
        {hasRole(viewer, "REQUESTER") || hasRole(viewer, "COORDINATOR") ? (
          <li>
            <Link to="/requests">{t("navRequests")}</Link>
          </li>
        ) : null}
        {viewer.member ? (
          <>
            <li>
              <Link to="/invitations">{t("navInvitations")}</Link>
            </li>
            <li>
              <Link to="/my/assignments">{t("memberNavAssignments")}</Link>
            </li>
          </>
        ) : viewer.kind === "CITIZEN" ? (
          <li>
            <Link to="/register">{t("memberNavRegister")}</Link>
          </li>
        ) : null}
        {hasRole(viewer, "ANALYST") ? (
          <li>
            <Link to="/statistics">{t("navStatistics")}</Link>
          </li>
        ) : null}
      </ul>
    </>
  );
}
