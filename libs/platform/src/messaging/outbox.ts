import { EntityManager } from 'typeorm';
import { EventEnvelope, eventSubject } from '@kpa/contracts';
import { assertIdentifier } from '../database/database';

/**
 * The outbox and inbox tables of one service schema. Each service's first migration calls this,
 * so the outbox lives beside the state it describes and commits with it.
 */
export function messagingTablesSql(schema: string): string[] {
  const s = assertIdentifier(schema);
  return [
    `CREATE TABLE "${s}".outbox (
       id uuid PRIMARY KEY,
       subject text NOT NULL,
       envelope jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       published_at timestamptz
     )`,
    `CREATE INDEX outbox_unpublished_idx ON "${s}".outbox (created_at, id) WHERE published_at IS NULL`,
    `CREATE TABLE "${s}".inbox (
       consumer text NOT NULL,
       event_id uuid NOT NULL,
       event_type text NOT NULL,
       handled_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       PRIMARY KEY (consumer, event_id)
     )`,
  ];
}

/** Fields of every event's `data` set from a relation of the statement the insert runs in. */
export interface OutboxFill {
  /** A relation of one row (a WITH clause's name): no row, no event. */
  from: string;
  /** data field → SQL expression over `from`. */
  fields: Record<string, string>;
}

/**
 * The outbox insert of these events as one SQL statement, for a caller that runs it inside a bigger
 * statement of its transaction (a WITH clause), e.g. with `{ from: 'numbered', fields: { number:
 * 'numbered.number' } }` to stamp each event with a number taken by that statement.
 */
export function outboxInsertSql(schema: string, events: EventEnvelope[], param: (value: unknown) => string, fill?: OutboxFill): string {
  let envelope = 'e.envelope';
  for (const [field, expression] of Object.entries(fill?.fields ?? {})) {
    envelope = `jsonb_set(${envelope}, '{data,${assertIdentifier(field)}}', to_jsonb(${expression}))`;
  }
  const rows = JSON.stringify(events.map((event) => ({ id: event.id, subject: eventSubject(event), envelope: event })));
  const from = fill ? `${assertIdentifier(fill.from)}, ` : '';
  return `INSERT INTO "${assertIdentifier(schema)}".outbox (id, subject, envelope)
          SELECT e.id, e.subject, ${envelope} FROM ${from}jsonb_to_recordset(${param(rows)}::jsonb) AS e(id uuid, subject text, envelope jsonb)`;
}

/** Writes events into the outbox inside the caller's transaction: they exist if and only if the change commits. */
export async function appendToOutbox(manager: EntityManager, schema: string, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const rows = events.map((event, i) => {
    values.push(event.id, eventSubject(event), JSON.stringify(event));
    return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`;
  });
  await manager.query(`INSERT INTO "${assertIdentifier(schema)}".outbox (id, subject, envelope) VALUES ${rows.join(', ')}`, values);
}
