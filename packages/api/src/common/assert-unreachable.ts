/** Makes a `switch` over a closed union exhaustive: adding a case without handling it fails to compile. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
