import type { SessionHeadCache, SessionHeadResult } from './plugin.js';

/** The SessionHeadCache of a listing without a cache (`--no-cache`, or none given): every log's head is read, in order. */
export const readEveryHead: SessionHeadCache = {
  async read<T>(_kind: string, _scope: string, files: readonly string[], read: (file: string) => Promise<T>): Promise<Array<SessionHeadResult<T>>> {
    const heads: Array<SessionHeadResult<T>> = [];
    for (const file of files) {
      try {
        heads.push({ head: await read(file) });
      } catch (error) {
        heads.push({ error });
      }
    }
    return heads;
  },
};
