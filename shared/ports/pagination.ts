/** What a caller asks of a list: how many items, and where to go on. */
export interface PageRequest {
  limit: number;
  /** The opaque `next` of the previous page. */
  next?: string | undefined;
}

/** One page of a list; `next` is absent on the last page. */
export interface Page<T> {
  items: T[];
  next?: string | undefined;
}
