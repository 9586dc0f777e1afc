/** Makes a `switch` over an error-code enum exhaustive at compile time. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
