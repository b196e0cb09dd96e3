/**
 * docs/scale.md's session recipe for a book in DuckDB, as statements. The bench runs exactly
 * these, the DuckDB parity suites run under them, and a docs test checks the page prints them.
 */
export const DUCKDB_RECIPE: readonly string[] = [
  // In-memory tables are stored uncompressed unless the database is attached with COMPRESS (a
  // database file is compressed already): the book and the written rows take several times less.
  "ATTACH ':memory:' AS book (COMPRESS)",
  'USE book',
  // Rows written by `CREATE TABLE … AS` need not keep the scan's order (the query has no ORDER BY).
  'SET preserve_insertion_order = false',
  // Memory freed after a load (the uncompressed rows a CHECKPOINT replaced) goes back to the OS
  // instead of staying in the allocator's caches, so the query starts from the compressed book.
  'SET allocator_background_threads = true',
];

/** The recipe's step after each large table is loaded: DuckDB compresses it at a checkpoint. */
export const DUCKDB_AFTER_LOAD = 'CHECKPOINT';
