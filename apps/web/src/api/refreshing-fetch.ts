/**
 * The fetch every generated call goes through, as a pure function of its dependencies (so it is
 * unit-tested without a browser): the access token from memory on each request, and on a 401 one
 * refresh (shared by the requests that got it together), then the request once more with the new
 * token. The console's own session routes are never retried: their 401 is the answer.
 */
export interface RefreshingFetchDeps {
  send(request: Request): Promise<Response>;
  token(): string | null;
  /** Renews the access token (the cookie refresh); false when the session is over. */
  refresh(): Promise<boolean>;
  /** Paths whose 401 is final (login, refresh, logout). */
  noRetryPrefix: string;
}

export function withBearer(request: Request, token: string | null): Request {
  const headers = new Headers(request.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return new Request(request, { headers });
}

export function refreshingFetch(deps: RefreshingFetchDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const retry = request.clone();
    const response = await deps.send(withBearer(request, deps.token()));
    if (response.status !== 401 || new URL(request.url).pathname.startsWith(deps.noRetryPrefix)) return response;
    if (!(await deps.refresh())) return response;
    return deps.send(withBearer(retry, deps.token()));
  };
}

/** One refresh at a time: callers arriving while it runs share its result. */
export function singleFlight(run: () => Promise<boolean>): () => Promise<boolean> {
  let running: Promise<boolean> | null = null;
  return () => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };
}
