import { useSyncExternalStore } from "react";

// The signed-in session lives in sessionStorage (gone when the tab closes); the chosen region in localStorage.
// Nothing here ever holds a token the app made up: it is only what the identity provider's token endpoint returned.

export interface Session {
  tenant: string;
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  idToken?: string;
  endSessionEndpoint?: string;
}

const SESSION_KEY = "medverkan.session";
const REGION_KEY = "medverkan.region";
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function read(): Session | null {
  const raw = sessionStorage.getItem(SESSION_KEY);
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  const session = cached.session;
  return session && session.expiresAt > Date.now() ? session : null;
}

export function currentSession(): Session | null {
  return read();
}

export function setSession(session: Session | null): void {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
  for (const listener of listeners) listener();
}

export function useSession(): Session | null {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, read);
}

export function chosenRegion(): string | null {
  return localStorage.getItem(REGION_KEY);
}

export function chooseRegion(slug: string): void {
  localStorage.setItem(REGION_KEY, slug);
}
