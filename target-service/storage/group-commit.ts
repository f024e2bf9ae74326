// Group commit for SQLite: writes that arrive in the same turn of the event loop are committed in one
// transaction, each inside its own savepoint (better-sqlite3 nests transaction functions as savepoints),
// so one applicant's unique violation rolls back only that applicant's write. A caller's promise settles
// only after the shared COMMIT, so a 201 still means "durable". On this machine's disk one commit costs
// ~100–200 µs; at 30 concurrent sign-ups the batch shares it (bench/service.bench.ts measures the effect).
import type BetterSqlite3 from 'better-sqlite3';

interface PendingWrite {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly flushAll: BetterSqlite3.Transaction<(batch: PendingWrite[]) => Array<[boolean, unknown]>>;

  constructor(
    db: BetterSqlite3.Database,
    /** Upper bound on writes per transaction, so one commit never holds the lock for long. */
    private readonly maxBatch = 256,
  ) {
    this.flushAll = db.transaction((batch: PendingWrite[]) =>
      batch.map((w): [boolean, unknown] => {
        try {
          return [true, w.run()];
        } catch (err) {
          return [false, err];
        }
      }),
    );
  }

  /** Queues `run` (which must itself be a better-sqlite3 transaction function) for the next commit. */
  submit<R>(run: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ run, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      let results: Array<[boolean, unknown]>;
      try {
        results = this.flushAll.immediate(batch);
      } catch (err) {
        for (const w of batch) w.reject(err); // the COMMIT itself failed: nothing in the batch was written
        continue;
      }
      results.forEach(([ok, value], i) => {
        if (ok) batch[i]!.resolve(value);
        else batch[i]!.reject(value);
      });
    }
  }
}
