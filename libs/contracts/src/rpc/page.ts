/** Cursor pagination, the same for every list. */
export interface PageRequest {
  /** Opaque cursor from a previous page's nextCursor. */
  cursor?: string;
  /** 1..100, default 50. */
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
