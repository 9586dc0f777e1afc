import { abortable } from './abortable.util.js';

describe('abortable', () => {
  it('passes every value through while not aborted', async () => {
    async function* three() {
      yield 1;
      yield 2;
      yield 3;
    }
    const seen: number[] = [];
    for await (const n of abortable(three(), new AbortController().signal)) seen.push(n);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops a source stuck in an await that ignores the signal, with the abort reason', async () => {
    async function* hangs() {
      yield 1;
      await new Promise(() => undefined);
    }
    const controller = new AbortController();
    const seen: number[] = [];
    const run = (async () => {
      for await (const n of abortable(hangs(), controller.signal)) seen.push(n);
    })();
    setTimeout(() => controller.abort(new Error('timed out')), 20);
    await expect(run).rejects.toThrow('timed out');
    expect(seen).toEqual([1]);
  });

  it('lets the source close (its finally runs) when the reader stops early', async () => {
    let closed = false;
    async function* many() {
      try {
        for (let i = 0; ; i += 1) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const n of abortable(many(), new AbortController().signal)) if (n === 2) break;
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
  });

  it('refuses to start once the signal has aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    async function* one() {
      yield 1;
    }
    await expect(abortable(one(), controller.signal).next()).rejects.toThrow('too late');
  });
});
