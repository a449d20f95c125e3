import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authControllerMe } from './api/generated/sdk.gen';
import type { MeDto, SiteGrantDto } from './api/generated/types.gen';
import { refreshSession, unwrap } from './api/client';
import { currentAccessToken, onSessionChange } from './api/session';

type SessionState = 'checking' | 'signed-out' | 'signed-in';

interface Session {
  state: SessionState;
  me: MeDto | undefined;
  /** The site the console works on, among the user's grants. */
  site: SiteGrantDto | undefined;
  chooseSite(siteId: string): void;
}

const SessionContext = createContext<Session | null>(null);
const SITE_KEY = 'kpa.site';

function savedSite(): string | null {
  try {
    return localStorage.getItem(SITE_KEY);
  } catch {
    return null;
  }
}

/**
 * Who is logged in. On load, one silent refresh through the HttpOnly cookie gives a new access
 * token (a reload keeps the session without any token in storage); then GET /v1/me says who and where.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>(() => (currentAccessToken() ? 'signed-in' : 'checking'));
  const [siteId, setSiteId] = useState<string | null>(savedSite);

  useEffect(() => {
    const unsubscribe = onSessionChange(() => {
      const signedIn = currentAccessToken() !== null;
      setState(signedIn ? 'signed-in' : 'signed-out');
      if (!signedIn) queryClient.clear();
    });
    if (!currentAccessToken()) void refreshSession().then((ok) => setState(ok ? 'signed-in' : 'signed-out'));
    return () => {
      unsubscribe();
    };
  }, [queryClient]);

  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(authControllerMe()), enabled: state === 'signed-in' });

  const chooseSite = useCallback((id: string) => {
    try {
      localStorage.setItem(SITE_KEY, id);
    } catch {
      // The choice then lasts until the page closes.
    }
    setSiteId(id);
  }, []);

  const sites = me.data?.sites ?? [];
  const site = sites.find((grant) => grant.siteId === siteId) ?? (sites.length === 1 ? sites[0] : undefined);
  const value = useMemo(() => ({ state, me: me.data, site, chooseSite }), [state, me.data, site, chooseSite]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}

/** A site grant's name (the API types it loosely: a string once the membership service answered). */
export function siteNameOf(grant: SiteGrantDto): string {
  const name = grant.siteName as unknown;
  const code = grant.siteCode as unknown;
  return typeof name === 'string' && name ? name : typeof code === 'string' && code ? code : grant.siteId.slice(0, 8);
}
