import { ADMIN, COORDINATOR_PASSWORD, usePlatform } from './platform';
import { Caller, CALLERS, concretePath, gatewayRoutes, Route, Rule, setUpWorld, World } from './generated-fixtures';

/** What the guard answers: a refusal with its status and code, or a pass (the handler may still refuse the body). */
type Expected = { refused: 401 | 403 | 404 } | { passes: true };

function expectedFor(rule: Rule, caller: Caller): Expected {
  if (rule.kind === 'public') return { passes: true };
  if (caller === 'anonymous') return { refused: 401 };
  if (caller === 'networkAdmin') return { passes: true };
  switch (rule.kind) {
    case 'networkAdmin':
      return { refused: 403 };
    case 'signedIn':
      return { passes: true };
    case 'site':
      // The paths carry site A and its objects: another site's users do not see it at all.
      if (caller === 'otherCoordinator' || caller === 'otherMember') return { refused: 404 };
      return rule.roles.includes(caller) ? { passes: true } : { refused: 403 };
    default:
      throw new Error(`no rule for ${rule.kind}`);
  }
}

const GUARD_CODES = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'SITE_NOT_FOUND' } as const;

/**
 * Routes that end sessions or erase the member whose token the matrix uses go last, in this
 * order (after logging out everywhere, every caller logs in again); the rest keep the
 * controllers' order, reads first.
 */
function order(route: Route): number {
  if (route.path.endsWith('/erase')) return 4;
  if (route.path === '/v1/auth/logout' || route.path === '/v1/auth/logout-all') return 3;
  if (route.method === 'DELETE') return 2;
  return route.method === 'GET' ? 0 : 1;
}

/**
 * The authorization matrix, generated: every route of the gateway × every kind of caller, the
 * expected answer derived from the route's declared rule (@Public, @NetworkAdminOnly, @SignedIn,
 * @SiteRoles on the handler or its controller), against real objects of site A. One request per
 * route and caller; a route declaring no rule fails.
 */
describe('authorization matrix generated from the route metadata', () => {
  const platform = usePlatform('e2e_generated_authz', { RATE_LIMIT_PER_MINUTE: '100000' });
  const routes = gatewayRoutes().sort((a, b) => order(a) - order(b));
  let world: World;

  beforeAll(async () => {
    world = await setUpWorld(platform);
  });

  it('reads a rule for every route and knows the same routes as the OpenAPI document', async () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => route.rule.kind === 'undeclared').map((route) => `${route.method} ${route.path} (${route.controller})`)).toEqual([]);
    const document = (await platform.http('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(documented.sort());
  });

  it('answers every route × caller as the declared rule says', async () => {
    const started = Date.now();
    const mismatches: string[] = [];
    let cases = 0;
    for (const route of routes) {
      const tokens: Partial<Record<Caller, string>> = { ...world.tokens };
      const logIn = (caller: string, email: string) => platform.login(email, caller === 'networkAdmin' ? ADMIN.password : COORDINATOR_PASSWORD);
      if (route.path === '/v1/auth/logout' || route.path === '/v1/auth/logout-all') {
        // Logging out ends the session: each caller logs out a session of its own.
        for (const [caller, email] of Object.entries(world.emails)) tokens[caller as Caller] = (await logIn(caller, email)).accessToken;
      }
      for (const caller of ['anonymous', 'otherCoordinator', 'otherMember', 'accountant', 'member', 'coordinator', 'networkAdmin'] as const satisfies readonly Caller[]) {
        const expected = expectedFor(route.rule, caller);
        const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
        const answer = await platform.http(route.method, concretePath(world, route.path), {
          token: tokens[caller as Exclude<Caller, 'anonymous'>],
          body: hasBody ? {} : undefined,
        });
        cases++;
        const code = (answer.body as { code?: string } | undefined)?.code;
        // The guard's 401 is UNAUTHENTICATED; a public route may answer its own (the console's refresh without its cookie: INVALID_REFRESH_TOKEN).
        const refusedByGuard =
          (answer.status === 401 && code === 'UNAUTHENTICATED') || (answer.status === 403 && code === 'FORBIDDEN') || (answer.status === 404 && code === 'SITE_NOT_FOUND');
        const ok = 'refused' in expected ? answer.status === expected.refused && code === GUARD_CODES[expected.refused] : !refusedByGuard && answer.status < 500;
        if (!ok) {
          const wanted = 'refused' in expected ? `${expected.refused} ${GUARD_CODES[expected.refused]}` : 'through the guard';
          mismatches.push(`${route.method} ${route.path} as ${caller}: expected ${wanted}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }
      if (route.path === '/v1/auth/logout-all') {
        // Every session of every caller is gone, the world's too: the routes after it need new ones.
        for (const [caller, email] of Object.entries(world.emails)) world.tokens[caller as Exclude<Caller, 'anonymous'>] = (await logIn(caller, email)).accessToken;
      }
    }
    console.log(
      `authorization matrix: ${cases} cases (${routes.length} routes × ${CALLERS.length} callers) in ${Date.now() - started} ms; made-up ids: ${world.madeUp.join(', ') || 'none'}`,
    );
    expect(mismatches).toEqual([]);
  });
});
