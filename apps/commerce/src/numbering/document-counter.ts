import { EntityManager } from 'typeorm';
import { DocumentKind, formatDocumentNumber, nextInSeries } from './document-number';

export interface AllocatedNumber {
  number: string;
  sequence: number;
}

/**
 * Takes the next number of a series inside the caller's transaction, the one that freezes the
 * document: the counter row stays locked until that transaction ends, so concurrent issues (on
 * any number of instances) queue on it, and a rollback gives the number back. Gap-free and
 * duplicate-free by construction.
 */
export async function allocateDocumentNumber(
  manager: EntityManager,
  series: { siteId: string; siteCode: string; kind: DocumentKind },
  issueDate: string,
): Promise<AllocatedNumber> {
  // Usual case, one round trip while every other issue of the series waits on the row: lock it,
  // check the date does not go backwards, move the counter.
  const taken: { sequence: string }[] = await manager.query(
    `WITH taken AS (
       UPDATE commerce.document_counter SET next_sequence = next_sequence + 1, last_issued_on = $3
        WHERE site_id = $1 AND kind = $2 AND (last_issued_on IS NULL OR last_issued_on <= $3)
        RETURNING next_sequence - 1 AS sequence)
     SELECT sequence FROM taken`,
    [series.siteId, series.kind, issueDate],
  );
  if (taken.length === 1) {
    const sequence = Number(taken[0].sequence);
    return { number: formatDocumentNumber(series.siteCode, series.kind, issueDate, sequence), sequence };
  }
  // The series' first document, or a date before the last one (refused by nextInSeries).
  await manager.query(`INSERT INTO commerce.document_counter (site_id, kind, next_sequence) VALUES ($1, $2, 1) ON CONFLICT DO NOTHING`, [
    series.siteId,
    series.kind,
  ]);
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
  return { number: formatDocumentNumber(series.siteCode, series.kind, issueDate, sequence), sequence };
}
