/**
 * The items of a stream of batches, one by one. An async generator re-yielding each item costs several
 * promise steps per item; this iterator hands out the items of a batch it holds with one resolved promise
 * each and awaits the source only when the batch is used up. Stopping early (`break` in `for await`)
 * closes the source, and calls to `next()` that overlap are answered in order.
 */
export function flattenBatches<T>(batches: AsyncIterable<readonly T[]>): AsyncIterableIterator<T> {
  return new FlatBatches(batches[Symbol.asyncIterator]());
}

class FlatBatches<T> implements AsyncIterableIterator<T> {
  private batch: readonly T[] = [];
  private index = 0;
  private finished = false;
  /** The refill under way: a `next()` meanwhile waits for it, so items keep their order. */
  private refilling: Promise<IteratorResult<T, undefined>> | null = null;

  constructor(private readonly source: AsyncIterator<readonly T[]>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.refilling !== null) {
      const after = () => this.next();
      return this.refilling.then(after, after);
    }
    if (this.index < this.batch.length) return Promise.resolve({ value: this.batch[this.index++]!, done: false });
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    const refill = this.refill();
    this.refilling = refill;
    const settle = () => {
      if (this.refilling === refill) this.refilling = null;
    };
    refill.then(settle, settle);
    return refill;
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    const pending = this.refilling;
    if (pending !== null) await pending.catch(() => undefined);
    if (!this.finished) {
      this.finished = true;
      this.batch = [];
      await this.source.return?.();
    }
    return { value: undefined, done: true };
  }

  private async refill(): Promise<IteratorResult<T, undefined>> {
    // Let the used batch go before the source builds the next one (it would otherwise live through that).
    this.batch = [];
    this.index = 0;
    try {
      for (;;) {
        const next = await this.source.next();
        if (next.done) {
          this.finished = true;
          this.batch = [];
          return { value: undefined, done: true };
        }
        if (next.value.length > 0) {
          this.batch = next.value;
          this.index = 1;
          return { value: next.value[0]!, done: false };
        }
      }
    } catch (error) {
      // A failed source is over: like a generator that threw, later calls report the end.
      this.finished = true;
      this.batch = [];
      throw error;
    }
  }
}
