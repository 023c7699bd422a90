// The tiny SQL seam both backends implement: parameterised queries, multi-statement scripts, transactions.

export interface Queryable {
  /**
   * Runs one parameterised statement. With `name`, the statement is prepared once per connection (session) under that
   * name and afterwards only bound and executed: no parse, analysis or rewrite per call (the batch statement's were
   * most of a small batch's cost in PGlite). A name must always go with the same SQL text.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
}

export interface SqlDriver extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs a script of several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /** Runs fn inside BEGIN … COMMIT; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
