import { flattenBatches } from './flat-batches.util.js';

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('flattenBatches', () => {
  it('hands out the items of every batch in order, passing over empty batches', async () => {
    async function* batches() {
      yield [1, 2];
      yield [];
      yield [3];
      yield [];
    }
    expect(await all(flattenBatches(batches()))).toEqual([1, 2, 3]);
  });

  it('closes the source when the reader stops early, and reads nothing more of it', async () => {
    const read: number[] = [];
    let closed = false;
    async function* batches() {
      try {
        for (let batch = 0; batch < 5; batch += 1) {
          read.push(batch);
          yield [batch * 10, batch * 10 + 1];
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    for await (const item of flattenBatches(batches())) {
      seen.push(item);
      if (item === 10) break;
    }
    expect(seen).toEqual([0, 1, 10]);
    expect(read).toEqual([0, 1]);
    expect(closed).toBe(true);
  });

  it('passes on the failure of the source after the items before it, then reports the end', async () => {
    async function* batches(): AsyncGenerator<number[]> {
      yield [1];
      throw new Error('unexpected end of file');
    }
    const iterator = flattenBatches(batches());
    expect(await iterator.next()).toEqual({ value: 1, done: false });
    await expect(iterator.next()).rejects.toThrow('unexpected end of file');
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('answers overlapping calls to next() in order', async () => {
    async function* batches() {
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield ['a', 'b'];
      await new Promise((resolve) => setTimeout(resolve, 5));
      yield ['c'];
    }
    const iterator = flattenBatches(batches());
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results).toEqual([
      { value: 'a', done: false },
      { value: 'b', done: false },
      { value: 'c', done: false },
      { value: undefined, done: true },
    ]);
  });
});
