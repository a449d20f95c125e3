import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authControllerMe, sitesControllerList } from './api/generated/sdk.gen';
import type { MeDto, SiteGrantDto } from './api/generated/types.gen';
import { refreshSession, unwrap } from './api/client';
import { currentAccessToken, mayHoldSession, onSessionChange } from './api/session';

type SessionState = 'checking' | 'signed-out' | 'signed-in';

/** A site the console may open: a grant of the user's, or any site for a network admin. */
export interface SiteChoice {
  siteId: string;
  name: string;
  role: SiteGrantDto['role'] | 'admin';
}

interface Session {
  state: SessionState;
  me: MeDto | undefined;
  /** The sites the user may open (their grants; every site for a network admin). */
  sites: SiteChoice[];
  /** The site the console works on. */
  site: SiteChoice | undefined;
  /** Who and where are known (a network admin's list of sites included). */
  ready: boolean;
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
  const [state, setState] = useState<SessionState>(() => (currentAccessToken() ? 'signed-in' : mayHoldSession() ? 'checking' : 'signed-out'));
  const [siteId, setSiteId] = useState<string | null>(savedSite);

  useEffect(() => {
    const unsubscribe = onSessionChange(() => {
      const signedIn = currentAccessToken() !== null;
      setState(signedIn ? 'signed-in' : 'signed-out');
      if (!signedIn) queryClient.clear();
    });
    if (!currentAccessToken() && mayHoldSession()) void refreshSession().then((ok) => setState(ok ? 'signed-in' : 'signed-out'));
    return () => {
      unsubscribe();
    };
  }, [queryClient]);

  const me = useQuery({ queryKey: ['me'], queryFn: () => unwrap(authControllerMe()), enabled: state === 'signed-in' });
  const allSites = useQuery({
    queryKey: ['sites'],
    queryFn: () => unwrap(sitesControllerList({ query: { limit: 100 } })),
    enabled: state === 'signed-in' && me.data?.networkAdmin === true,
  });

  const chooseSite = useCallback((id: string) => {
    try {
      localStorage.setItem(SITE_KEY, id);
    } catch {
      // The choice then lasts until the page closes.
    }
    setSiteId(id);
  }, []);

  const sites = useMemo(() => {
    const granted: SiteChoice[] = (me.data?.sites ?? []).map((grant) => ({ siteId: grant.siteId, name: siteNameOf(grant), role: grant.role }));
    const administered: SiteChoice[] = (allSites.data?.items ?? [])
      .filter((site) => !granted.some((grant) => grant.siteId === site.id))
      .map((site) => ({ siteId: site.id, name: site.name, role: 'admin' }));
    return [...granted, ...administered];
  }, [me.data, allSites.data]);
  const site = sites.find((choice) => choice.siteId === siteId) ?? (sites.length === 1 ? sites[0] : undefined);
  const ready = me.data !== undefined && (!me.data.networkAdmin || !allSites.isPending);
  const value = useMemo(() => ({ state, me: me.data, sites, site, ready, chooseSite }), [state, me.data, sites, site, ready, chooseSite]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() outside <SessionProvider>');
  return session;
}

/** A site grant's name (the API types it loosely: a string once the membership service answered). */
function siteNameOf(grant: SiteGrantDto): string {
  const name = grant.siteName as unknown;
  const code = grant.siteCode as unknown;
  return typeof name === 'string' && name ? name : typeof code === 'string' && code ? code : grant.siteId.slice(0, 8);
}
