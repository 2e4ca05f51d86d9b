import type { Database } from "@medverkan/database";
import {
  checkDownloadLink,
  DOCUMENT_HAS_PERSONAL_DATA,
  DOWNLOAD_REFUSALS,
  type DownloadRefusal,
  documentKindOfSegment,
  resolveLocale,
} from "@medverkan/domain";
import { type Request, type Response, Router } from "express";
import type { Actor } from "../auth/actor.js";
import { isId } from "../common/ids.js";
import type { LoadersFactory } from "../context/loaders.js";
import { createRequestContext } from "../context/request-context.js";
import { TenantScope } from "../context/tenant-scope.js";
import { findDownloadLink, findLiveMember, findStaffWithGrants, recordDownload, tenantExists } from "./document.repository.js";
import { hashLinkSecret, linkLocale, loadDocument } from "./document.service.js";

// GET /downloads/<tenant>/<kind>/<id>/<secret>: the file behind a link from `createDownloadLink`. Self-contained (one
// `app.use` in create-server.ts). The link names its tenant, kind and document; its secret is looked up (as a hash)
// inside that tenant only. The document is then loaded through the same service as its GraphQL field, as the person
// who asked for the link with their grants as they are now, and every download of personal data is audited.

const SECRET = /^[A-Za-z0-9_-]{43}$/u;

/** A request line as it may be logged: a download link's secret never reaches a log. */
export function redactDownloadSecret(url: string): string {
  return url.replace(/^(\/downloads\/[^/?#]*\/[^/?#]*\/[^/?#]*\/)[^/?#]+/u, "$1[redacted]");
}

/** `createLoaders` is the composition root's (schema/loaders.ts), passed down by create-server.ts. */
export function downloadRoutes(
  database: Database,
  createLoaders: LoadersFactory,
  limits?: { transactionTimeoutMs?: number; poolWaitMs?: number },
): Router {
  const router = Router();
  router.get("/downloads/:tenantId/:kind/:subjectId/:secret", async (req: Request, res: Response) => {
    const locale = resolveLocale(req.headers["accept-language"]);
    const refuse = (refusal: DownloadRefusal) => {
      const { status, message } = DOWNLOAD_REFUSALS[refusal];
      res.status(status).json({
        errors: [
          {
            message: message[locale],
            extensions: { code: "FORBIDDEN", reason: refusal, messages: message },
          },
        ],
      });
    };
    res.setHeader("cache-control", "no-store");
    res.setHeader("referrer-policy", "no-referrer");
    const tenantId = String(req.params.tenantId ?? "");
    const subjectId = String(req.params.subjectId ?? "");
    const secret = String(req.params.secret ?? "");
    const kind = documentKindOfSegment(String(req.params.kind));
    try {
      if (!isId(tenantId) || !isId(subjectId) || !SECRET.test(secret)) return refuse("LINK_NOT_FOUND");
      if (!(await tenantExists(database.prisma, tenantId))) return refuse("LINK_NOT_FOUND");
      const scope = new TenantScope(database.prisma, tenantId, limits?.transactionTimeoutMs, limits?.poolWaitMs);
      const link = await scope.transaction((tx) => findDownloadLink(tx, tenantId, hashLinkSecret(secret)));
      const checked = checkDownloadLink(link, { kind, subjectId }, new Date());
      if (!checked.ok || !link) return refuse(checked.ok ? "LINK_NOT_FOUND" : checked.refusal);

      // The asker as they are now: a disabled staff user, a revoked grant or an erased member opens nothing.
      const actor: Actor | null = await scope.transaction(async (tx) => {
        if (link.staffUserId) {
          const staff = await findStaffWithGrants(tx, tenantId, link.staffUserId);
          return staff
            ? {
                kind: "STAFF",
                tenantId,
                subject: staff.subject,
                staffUserId: staff.id,
                name: staff.name,
                unitId: staff.unitId,
                grants: staff.grants,
              }
            : null;
        }
        if (link.memberId) {
          const member = await findLiveMember(tx, tenantId, link.memberId);
          return member ? { kind: "MEMBER", tenantId, subject: member.subject ?? "", memberId: member.id } : null;
        }
        return null;
      });
      if (!actor) return refuse("DOCUMENT_NOT_AVAILABLE");
      const ctx = createRequestContext({
        requestId: String(req.id ?? ""),
        locale: linkLocale(link.locale),
        actor,
        prisma: database.prisma,
        log: req.log,
        transactionTimeoutMs: limits?.transactionTimeoutMs,
        poolWaitMs: limits?.poolWaitMs,
        createLoaders,
      });
      const document = await loadDocument(ctx, checked.kind, subjectId);
      if (!document) return refuse("DOCUMENT_NOT_AVAILABLE");
      const body = await document.render();
      await scope.transaction(async (tx) => {
        await recordDownload(tx, tenantId, link.id, new Date());
        if (DOCUMENT_HAS_PERSONAL_DATA[checked.kind]) {
          await ctx.audit.record(
            tx,
            tenantId,
            document.memberIds.map((memberId) => ({
              action: "EXPORT" as const,
              subjectType: checked.kind,
              subjectId,
              memberId,
              purpose: "document downloaded",
              details: { downloadLinkId: link.id, fileName: document.fileName },
            })),
          );
        }
      });
      res.setHeader("content-type", document.contentType);
      res.setHeader("content-disposition", `attachment; filename="${document.fileName}"`);
      res.setHeader("x-content-type-options", "nosniff");
      res.status(200).end(body);
    } catch (error) {
      req.log.error({ err: error }, "download failed");
      if (!res.headersSent) {
        res.status(500).json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
      }
    }
  });
  return router;
}
