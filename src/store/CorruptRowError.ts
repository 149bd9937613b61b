/**
 * A stored row that no longer has the shape the store wrote (edited by hand, a bad restore, a
 * bug in an old version). Reported where it is read, naming the table and the row's key, so that
 * the fault is found at its source instead of as a crash somewhere that trusted the row.
 */
export class CorruptRowError extends Error {
  constructor(
    readonly table: string,
    /** The row's primary key, column by column. */
    readonly key: Readonly<Record<string, string | number>>,
    readonly problem: string,
  ) {
    const where = Object.entries(key)
      .map(([column, value]) => `${column}=${JSON.stringify(value)}`)
      .join(', ');
    super(
      `The stored row of table "${table}" with ${where} is corrupt (${problem}); ` +
        'restore it from a backup or correct it by hand before using this record again.',
    );
    this.name = 'CorruptRowError';
  }
}
