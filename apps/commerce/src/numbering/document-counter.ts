import { EntityManager } from 'typeorm';
import { DocumentKind, documentNumberPrefix, formatDocumentNumber, MIN_DIGITS, nextInSeries } from './document-number';

export interface AllocatedNumber {
  number: string;
  sequence: number;
}

/**
 * A write that needs the document's number, run in the very statement that takes it: a
 * data-modifying SQL statement that reads the number as `numbered.number` (`… FROM numbered`).
 * `param(value)` adds a bind parameter and returns its placeholder.
 */
export type NumberedWrite = (param: (value: unknown) => string) => string;

/**
 * Takes the next number of a series inside the caller's transaction, the one that freezes the
 * document: the counter row stays locked until that transaction ends, so concurrent issues (on
 * any number of instances) queue on it, and a rollback gives the number back. Gap-free and
 * duplicate-free by construction.
 *
 * `writes` (freezing the document, its events) run in the same statement as the counter's update:
 * every other issue of the series waits on the row for that one statement and the commit only,
 * not for extra round trips between this process and Postgres.
 */
export async function allocateDocumentNumber(
  manager: EntityManager,
  series: { siteId: string; siteCode: string; kind: DocumentKind },
  issueDate: string,
  writes: readonly NumberedWrite[] = [],
): Promise<AllocatedNumber> {
  // Usual case, one round trip while every other issue of the series waits on the row: lock it,
  // check the date does not go backwards, move the counter, format the number (padded as
  // formatDocumentNumber does), write what needs it.
  const params: unknown[] = [series.siteId, series.kind, issueDate, documentNumberPrefix(series.siteCode, series.kind, issueDate)];
  const taken: { sequence: string; number: string }[] = await manager.query(
    `WITH numbered AS (
       UPDATE commerce.document_counter SET next_sequence = next_sequence + 1, last_issued_on = $3
        WHERE site_id = $1 AND kind = $2 AND (last_issued_on IS NULL OR last_issued_on <= $3)
        RETURNING next_sequence - 1 AS sequence,
                  $4 || lpad((next_sequence - 1)::text, greatest(${MIN_DIGITS}, length((next_sequence - 1)::text)), '0') AS number)
     ${withWrites(writes, params)}
     SELECT sequence, number FROM numbered`,
    params,
  );
  if (taken.length === 1) return { number: taken[0].number, sequence: Number(taken[0].sequence) };

  // The series' first document, or a date before the last one (refused by nextInSeries).
  await manager.query(`INSERT INTO commerce.document_counter (site_id, kind, next_sequence) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING`, [series.siteId, series.kind]);
  const [row]: { next_sequence: string; last_issued_on: string | null }[] = await manager.query(
    `SELECT next_sequence, last_issued_on::text AS last_issued_on FROM commerce.document_counter WHERE site_id = $1 AND kind = $2 FOR UPDATE`,
    [series.siteId, series.kind],
  );
  const { sequence } = nextInSeries({ nextSequence: Number(row.next_sequence), lastIssuedOn: row.last_issued_on }, issueDate);
  await manager.query(`UPDATE commerce.document_counter SET next_sequence = next_sequence + 1, last_issued_on = $3 WHERE site_id = $1 AND kind = $2`, [
    series.siteId,
    series.kind,
    issueDate,
  ]);
  const number = formatDocumentNumber(series.siteCode, series.kind, issueDate, sequence);
  if (writes.length > 0) {
    const slowParams: unknown[] = [number];
    await manager.query(`WITH numbered AS (SELECT $1::text AS number) ${withWrites(writes, slowParams)} SELECT 1`, slowParams);
  }
  return { number, sequence };
}

/** `, w0 AS (…), w1 AS (…)`: Postgres runs every data-modifying WITH clause exactly once. */
function withWrites(writes: readonly NumberedWrite[], params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  return writes.map((write, i) => `, w${i} AS (${write(param)})`).join('');
}
