// PostGraphile 5 declares Node.js >= 22; the project (and this machine) runs Node 20. The one newer API its server
// reaches is ES2024's Promise.withResolvers, provided here as the specification defines it, before PostGraphile loads
// (server.ts imports this first). Anything else missing fails loudly rather than skewing the benchmark.
declare global {
  interface PromiseConstructor {
    withResolvers<T>(): { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
  }
}

if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = <T>() => {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

export {};
