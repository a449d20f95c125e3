import type { ReactNode } from 'react';
import { Cell, Column, Row, Table as AriaTable, TableBody, TableHeader } from 'react-aria-components';

export interface TableColumn<T> {
  id: string;
  title: string;
  cell(row: T): ReactNode;
  /** The row's title column (screen readers announce it for each row). */
  isRowHeader?: boolean;
  align?: 'start' | 'end';
}

interface TableProps<T extends { id: string }> {
  label: string;
  columns: readonly TableColumn<T>[];
  rows: readonly T[];
}

/** A data table (keyboard navigation by react-aria) that scrolls sideways on a phone rather than squeezing. */
export function Table<T extends { id: string }>({ label, columns, rows }: TableProps<T>) {
  return (
    <div className="table-scroll">
      <AriaTable aria-label={label} className="table">
        <TableHeader columns={columns}>
          {(column) => (
            <Column id={column.id} isRowHeader={column.isRowHeader} className={`table__head table__cell--${column.align ?? 'start'}`}>
              {column.title}
            </Column>
          )}
        </TableHeader>
        <TableBody items={rows}>
          {(row) => (
            <Row id={row.id} columns={columns} className="table__row">
              {(column) => <Cell className={`table__cell table__cell--${column.align ?? 'start'}`}>{column.cell(row)}</Cell>}
            </Row>
          )}
        </TableBody>
      </AriaTable>
    </div>
  );
}
