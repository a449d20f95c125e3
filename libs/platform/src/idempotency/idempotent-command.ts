import { SetMetadata } from '@nestjs/common';
import { assertIdentifier } from '../database/database';

/** How long a service keeps the result of a keyed command (the gateway keeps its keys as long). */
export const IDEMPOTENCY_RECORD_TTL_HOURS = 24;

/** Metadata key set by `@IdempotentCommand()`. */
export const IDEMPOTENT_COMMAND = 'kpa:idempotent-command';

/**
 * Marks an `@RpcHandler` whose response is the result of its one unit of work, and whose code
 * before that unit of work has no effect. With an idempotency key from the gateway, the unit of work
 * records its result under the key in its own transaction, and a retry of the same key answers that
 * result without running the command again: the reply lost after a commit is not a second effect.
 * Handlers that answer something built outside their unit of work must not carry it (the replay
 * would answer that something's stored absence).
 */
export const IdempotentCommand = (): MethodDecorator => SetMetadata(IDEMPOTENT_COMMAND, true);

/** The table of the results of keyed commands, in the service's schema: its migration calls this. */
export function idempotencyTableSql(schema: string): string[] {
  const s = assertIdentifier(schema);
  return [
    `CREATE TABLE "${s}".idempotency (
       key char(64) PRIMARY KEY,
       -- the unit of work's result as JSON; NULL when it returned nothing
       response jsonb,
       created_at timestamptz NOT NULL DEFAULT clock_timestamp()
     )`,
    `CREATE INDEX idempotency_created_at_idx ON "${s}".idempotency (created_at)`,
  ];
}
