import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_TTL_HOURS } from './idempotency';

/** A key being used by a request still running, or with the response it gave. */
export type StoredIdempotencyKey = { requestHash: string; state: 'in_progress' } | { requestHash: string; state: 'done'; statusCode: number; response: unknown };

/** Every read and write of `gateway.idempotency_key`: keys belong to their owner (a user, or an IP when anonymous). */
@Injectable()
export class IdempotencyKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the key for this request; an expired key is taken over. False when it is someone's already. */
  async claim(owner: string, key: string, fingerprint: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO gateway.idempotency_key (owner, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (owner, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, state = 'in_progress', status_code = NULL, response = NULL, created_at = clock_timestamp()
         WHERE gateway.idempotency_key.created_at < clock_timestamp() - interval '${IDEMPOTENCY_TTL_HOURS} hours'
       RETURNING key`,
      [owner, key, fingerprint],
    );
    return rows.length === 1;
  }

  async find(owner: string, key: string): Promise<StoredIdempotencyKey | undefined> {
    const [stored] = await this.dataSource.query(
      `SELECT request_hash AS "requestHash", state, status_code AS "statusCode", response FROM gateway.idempotency_key WHERE owner = $1 AND key = $2`,
      [owner, key],
    );
    return stored;
  }

  /** The response to replay for this key. */
  async store(owner: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE gateway.idempotency_key SET state = 'done', status_code = $3, response = $4::jsonb WHERE owner = $1 AND key = $2`, [
      owner,
      key,
      statusCode,
      JSON.stringify(response),
    ]);
  }

  /** Gives a key back when its request failed on the server's side, so the client can retry it. */
  async release(owner: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.idempotency_key WHERE owner = $1 AND key = $2 AND state = 'in_progress'`, [owner, key]);
  }

  async deleteExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM gateway.idempotency_key WHERE created_at < clock_timestamp() - interval '${IDEMPOTENCY_TTL_HOURS} hours'`);
  }
}
