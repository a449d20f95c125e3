import { DataSource, DataSourceOptions } from 'typeorm';
import { isUuid } from '@kpa/contracts';
import { RequestContext } from '../context/request-context';
import { assertIdentifier } from './database';

/**
 * Row-level security: the second wall behind the site-scoped queries (docs/security.md).
 *
 * Services connect as a role of their own that owns nothing (`kpa_<schema>`), never as the owner
 * that runs the migrations. Every table holding one site's rows has a policy that shows a connection
 * only the rows of the sites it works for: the `app.site_ids` setting, which the service sets from
 * the request or event it is handling (`RequestContext.sites`: the request's `siteId` or `siteIds`,
 * the event's `siteId`). A query that forgets its `site_id` filter sees those sites' rows and no
 * other's; work for no site sees none. Work that is regional by design (a sweep, a figure for the
 * network admin) says so, and only then sees every site (`*`): `RequestContext.acrossSites()`, or a
 * handler marked `@AcrossSites()` called without a site.
 */
export const SITES_SETTING = 'app.site_ids';

/**
 * The rows a connection may see and write: those of the sites it works for, or of every site when it
 * says so. The setting is read and cast in sub-selects, which Postgres evaluates once per query (as
 * InitPlans) rather than once per row: a board over 100,000 invoices pays one comparison per row
 * (measured: a count over 50,000 of 100,000 rows 9.7 ms against 7.2 ms as owner; 32 ms with the cast per row).
 */
export const SITE_PREDICATE =
  `((SELECT current_setting('${SITES_SETTING}', true) = '*') OR ` +
  `site_id = ANY (ARRAY(SELECT unnest(string_to_array(NULLIF(current_setting('${SITES_SETTING}', true), '*'), ','))::uuid)))`;

/** For a migration: the policy that keeps a table's rows to their site (its `site_id` column). */
export function siteIsolationSql(schema: string, table: string): string[] {
  const qualified = `"${assertIdentifier(schema)}"."${assertIdentifier(table)}"`;
  return [`ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY`, `CREATE POLICY site_isolation ON ${qualified} USING ${SITE_PREDICATE} WITH CHECK ${SITE_PREDICATE}`];
}

/** The role a service connects as: `DATABASE_APP_URL`, or `kpa_<schema>` on the server of `DATABASE_URL`. */
export function appDatabaseUrl(ownerUrl: string, schema: string, appUrl?: string): string {
  if (appUrl) return appUrl;
  const url = new URL(ownerUrl);
  url.username = `kpa_${assertIdentifier(schema)}`;
  return url.toString();
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Run by the owner after the migrations: the service's role exists, can log in, owns nothing, does
 * not bypass row security, and may read and write the schema's tables (and only those).
 */
export async function grantAppRole(owner: DataSource, schema: string, appUrl: string): Promise<void> {
  const s = assertIdentifier(schema);
  const url = new URL(appUrl);
  const role = assertIdentifier(decodeURIComponent(url.username));
  const password = url.password ? ` PASSWORD ${quoteLiteral(decodeURIComponent(url.password))}` : '';
  const [existing] = await owner.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [role]);
  if (!existing) {
    await owner.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE${password}`).catch((error: { code?: string }) => {
      // 42710: created meanwhile by another instance starting at the same time.
      if (error.code !== '42710') throw error;
    });
  } else if (existing.rolsuper || existing.rolbypassrls) {
    throw new Error(`The database role "${role}" bypasses row-level security (superuser or BYPASSRLS): services must connect as a role that does not.`);
  }
  const [owned] = await owner.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tableowner = $2`, [s, role]);
  if (owned.n > 0) throw new Error(`The database role "${role}" owns tables of schema ${s}: row-level security does not apply to an owner.`);
  await owner.query(`GRANT USAGE ON SCHEMA "${s}" TO "${role}"`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${s}" TO "${role}"`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "${s}" TO "${role}"`);
}

/** The `app.site_ids` value of the work being done: `*`, the sites' ids joined by commas, or '' (none). */
function currentScope(): string {
  const sites = RequestContext.current()?.sites;
  if (sites === 'all') return '*';
  return (sites ?? []).filter(isUuid).join(',');
}

/**
 * Every connection the data source hands out first takes the scope of the work that asked for it
 * (set with `set_config(…, false)` outside any transaction, so a rollback cannot undo it; skipped
 * when the connection already has that scope). Every use of the pool goes through a query runner,
 * so no connection is used with the scope of the work before.
 */
export function siteScopedDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  const applied = new WeakMap<object, string>();
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const scope = currentScope();
    const connect = runner.connect.bind(runner);
    let scoped: Promise<unknown> | undefined;
    runner.connect = () =>
      (scoped ??= connect().then(async (connection: { query(sql: string, params: unknown[]): Promise<unknown> }) => {
        if (applied.get(connection) !== scope) {
          applied.delete(connection);
          await connection.query(`SELECT set_config('${SITES_SETTING}', $1, false)`, [scope]);
          applied.set(connection, scope);
        }
        return connection;
      }));
    return runner;
  };
  return dataSource;
}
