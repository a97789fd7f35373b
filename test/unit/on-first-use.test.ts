import { describe, expect, it } from 'vitest';
import { loadOnce, onFirstUse } from '../../shared/adapters/on-first-use.js';

interface Store {
  read(key: string): Promise<string>;
  write(key: string, value: string): Promise<void>;
}

const memoryStore = (): Store => {
  const values = new Map<string, string>();
  return {
    read: async (key) => values.get(key) ?? '',
    write: async (key, value) => {
      values.set(key, value);
    },
  };
};

describe('onFirstUse', () => {
  it('loads nothing until the first call, then loads once for every later call', async () => {
    let loads = 0;
    const store = onFirstUse<Store>(async () => {
      loads += 1;
      return memoryStore();
    }, ['read', 'write']);
    expect(loads).toBe(0);
    await Promise.all([store.write('a', '1'), store.write('b', '2')]);
    expect(await store.read('a')).toBe('1');
    expect(await store.read('b')).toBe('2');
    expect(loads).toBe(1);
  });

  it('tries the load again after it failed, and hands the failure to the caller', async () => {
    let attempts = 0;
    const store = onFirstUse<Store>(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('module not found');
      return memoryStore();
    }, ['read', 'write']);
    await expect(store.read('a')).rejects.toThrow('module not found');
    await store.write('a', 'x');
    expect(await store.read('a')).toBe('x');
    expect(attempts).toBe(2);
  });

  it('keeps the loaded object as `this` of its methods', async () => {
    class Counter {
      count = 0;
      async add(by: number) {
        this.count += by;
        return this.count;
      }
    }
    const counter = onFirstUse<Counter>(async () => new Counter(), ['add']);
    await counter.add(2);
    expect(await counter.add(3)).toBe(5);
  });
});

describe('loadOnce', () => {
  it('loads on the first call, shares one load between callers, and tries again after a failure', async () => {
    let attempts = 0;
    const client = loadOnce(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('module not found');
      return { attempt: attempts };
    });
    expect(attempts).toBe(0);
    await expect(client()).rejects.toThrow('module not found');
    const [first, second] = await Promise.all([client(), client()]);
    expect(first).toEqual({ attempt: 2 });
    expect(second).toBe(first);
    expect(await client()).toBe(first);
    expect(attempts).toBe(2);
  });
});
