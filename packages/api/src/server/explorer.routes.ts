import type { NextFunction, Request, Response } from "express";
import { Router } from "express";
import { type RuruClientConfig, ruruHTML } from "ruru/server";
import { serveStatic } from "ruru/static";

const STATIC_PATH = "/explorer-assets/";

export type ExplorerTokenMinter = (query: {
  tenant?: string;
  role?: string;
  network?: string;
  subject?: string;
  newCitizen?: boolean;
}) => Promise<string | null>;

/** Thrown by a minter when the tenant, role or network names no seeded user; its message says which exist. */
export class ExplorerUserUnknown extends Error {}

// A small icon of our own, so the browser's request for one finds it (no console error), and nothing from a CDN.
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d5c63"/>' +
  '<text x="16" y="22" font-family="sans-serif" font-size="16" font-weight="bold" text-anchor="middle" fill="#fff">M</text></svg>';

const WELCOME_QUERY = `# Medverkan GraphQL explorer (development mode).
#
# Get a token for a seeded user and set it in the Headers tab:
#   npm run --silent token -- --tenant kalmar --role coordinator
# or open this page as /graphql?tenant=kalmar&role=coordinator to have it set for you (in every new tab too).
# (/graphql?tenant=kalmar&newCitizen=1: a citizen who is not a member yet; &subject=…: any subject).
# Tenants: jonkoping, vgr, kalmar, ostergotland. Roles: tenant-admin, coordinator, requester, analyst, member,
# platform-operator (&network=<slug> picks a network's coordinator).

query Me {
  me {
    kind
    name
    tenant { slug name }
    roles { role network { name } }
  }
}

query PublicTenant {
  tenant(slug: "kalmar") {
    name
    networks(first: 10) { nodes { id name careDomain contactEmail } }
    currentConsentText(kind: PROCESSING) { version text }
  }
}
`;

/**
 * The in-browser explorer (Ruru, a GraphiQL distribution) with its assets served from the npm package, so it works
 * offline and loads nothing from a CDN. Development only.
 */
export function explorerRoutes(mintToken: ExplorerTokenMinter): Router {
  const router = Router();
  // Not mounted under the path: Ruru's middleware matches (and strips) the prefix itself.
  router.use(serveStatic(STATIC_PATH) as never);
  router.get(["/favicon.ico", "/favicon.svg"], (_req: Request, res: Response) => {
    res.type("image/svg+xml").setHeader("cache-control", "public, max-age=86400");
    res.send(FAVICON_SVG);
  });
  router.get("/graphql", async (req: Request, res: Response, next: NextFunction) => {
    if (!req.accepts("text/html") || req.query.query) {
      next();
      return;
    }
    let token: string | null;
    try {
      token = await mintToken({
        tenant: stringParam(req.query.tenant),
        role: stringParam(req.query.role),
        network: stringParam(req.query.network),
        subject: stringParam(req.query.subject),
        newCitizen: stringParam(req.query.newCitizen) === "true" || stringParam(req.query.newCitizen) === "1",
      });
    } catch (error) {
      if (!(error instanceof ExplorerUserUnknown)) {
        next(error);
        return;
      }
      res.status(404).type("html").send(unknownUserPage(error.message));
      return;
    }
    const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined;
    const html = ruruHTML({
      endpoint: "/graphql",
      staticPath: STATIC_PATH,
      // Ruru's type marks every client option as required; it reads only those given. `defaultHeaders` fills every
      // new tab, `initialHeaders` the first one (which otherwise keeps what the browser stored from last time).
      clientConfig: {
        defaultQuery: WELCOME_QUERY,
        ...(headers ? { initialHeaders: headers, defaultHeaders: headers } : {}),
      } as RuruClientConfig,
      htmlParts: {
        metaTags: (base: string) => `${base}\n    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />`,
      },
    });
    res.type("html").send(html);
  });
  return router;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** A misspelt `?tenant=` or `?role=`: say what exists, with links, instead of a bare 500. */
function unknownUserPage(reason: string): string {
  const links = ["kalmar", "jonkoping", "vgr", "ostergotland"]
    .flatMap((tenant) =>
      ["coordinator", "requester", "member", "tenant-admin", "analyst"].map(
        (role) => `<li><a href="/graphql?tenant=${tenant}&amp;role=${role}">${tenant} · ${role}</a></li>`,
      ),
    )
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Medverkan explorer: no such user</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg"><style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;line-height:1.5}
ul{columns:2}</style></head><body><h1>No seeded user for this address</h1><p>${escapeHtml(reason)}</p>
<p>Open the explorer as one of the seeded users (or <a href="/graphql">without a token</a>;
<a href="/graphql?role=platform-operator">platform operator</a>):</p><ul>${links}</ul>
<p>From a terminal: <code>npm run --silent token -- --tenant kalmar --role coordinator</code></p></body></html>`;
}

const stringParam = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
