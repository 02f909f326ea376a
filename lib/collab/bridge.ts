// A hook the collaboration server (server.ts) offers to the rest of the app in the same process.
// Next.js bundles route handlers and server actions apart from server.ts, so a module-level
// variable would exist twice; the hook lives on globalThis under a registered symbol instead.
// Only plain values cross it: each side keeps its own copy of Yjs (see lib/collab/README.md).

export interface ProcessHook<F extends (...args: never[]) => unknown> {
  /** The hook, or undefined when no collaboration server runs in this process. */
  get(): F | undefined;
  set(fn: F): void;
  /** Forget `fn`, unless another server has registered since. */
  clear(fn: F): void;
}

export function processHook<F extends (...args: never[]) => unknown>(name: string): ProcessHook<F> {
  const key = Symbol.for(`pathweave.collab.${name}`);
  const holder = globalThis as unknown as Record<symbol, F | undefined>;
  return {
    get: () => holder[key],
    set: (fn) => {
      holder[key] = fn;
    },
    clear: (fn) => {
      if (holder[key] === fn) holder[key] = undefined;
    },
  };
}
