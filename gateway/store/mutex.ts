/**
 * A FIFO async mutex for the single SQLite connection. better-sqlite3 is synchronous, but a
 * transaction spans `await`s, so without a queue two callers could interleave statements on
 * the one connection and land inside each other's transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Hold {
  held: boolean;
}

/**
 * Serializes async work, first come first served. Re-entrant within one async call chain
 * (a migration's transaction runs inside the migration lock), but only while the holder is
 * still inside `run`: a promise it left running does not keep the privilege afterwards.
 */
export class Mutex {
  readonly #holds = new AsyncLocalStorage<Hold>();
  #tail: Promise<void> = Promise.resolve();

  /** Runs `work` once every earlier caller has finished. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#holds.getStore()?.held) return work();

    const previous = this.#tail;
    let release: () => void = () => undefined;
    this.#tail = new Promise<void>((resolve) => (release = resolve));
    await previous;

    const hold: Hold = { held: true };
    try {
      return await this.#holds.run(hold, work);
    } finally {
      hold.held = false;
      release();
    }
  }
}
