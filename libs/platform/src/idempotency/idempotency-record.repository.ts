import { DataSource, EntityManager } from 'typeorm';
import { assertIdentifier } from '../database/database';
import { IDEMPOTENCY_RECORD_TTL_HOURS } from './idempotent-command';

/** A command already done under a key: what its unit of work returned. */
export interface IdempotencyReplay {
  response: unknown;
}

/** Every read and write of a service's `idempotency` table (see idempotencyTableSql). */
export class IdempotencyRecordRepository {
  private readonly table: string;

  constructor(schema: string) {
    this.table = `"${assertIdentifier(schema)}".idempotency`;
  }

  /**
   * Takes the key in the caller's transaction, or finds the result recorded under it. The insert
   * waits for a transaction holding the same key: once that one commits, the result it recorded is
   * found; if it rolled back, the key is taken here. An expired record is taken over.
   */
  async claim(manager: EntityManager, key: string): Promise<IdempotencyReplay | undefined> {
    const taken: unknown[] = await manager.query(
      `INSERT INTO ${this.table} (key) VALUES ($1)
       ON CONFLICT (key) DO UPDATE SET response = NULL, created_at = clock_timestamp()
         WHERE ${this.table}.created_at < clock_timestamp() - interval '${IDEMPOTENCY_RECORD_TTL_HOURS} hours'
       RETURNING key`,
      [key],
    );
    if (taken.length === 1) return undefined;
    const [stored] = await manager.query(`SELECT response FROM ${this.table} WHERE key = $1`, [key]);
    if (!stored) return this.claim(manager, key); // expired and removed meanwhile
    return { response: stored.response ?? undefined };
  }

  /** The result of the command, in the transaction of its effect. */
  async record(manager: EntityManager, key: string, response: unknown): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET response = $2::jsonb WHERE key = $1`, [key, response === undefined ? null : JSON.stringify(response)]);
  }

  /** Removes expired records; nothing in a schema without the table (a service that marks no command). */
  async deleteExpired(dataSource: DataSource): Promise<void> {
    const [exists] = await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS present', [this.table]);
    if (!exists.present) return;
    await dataSource.query(`DELETE FROM ${this.table} WHERE created_at < clock_timestamp() - interval '${IDEMPOTENCY_RECORD_TTL_HOURS} hours'`);
  }
}
