/**
 * `build`'s value, built on the first call and kept. For module-level values that cost start-up
 * time but are needed only by some requests (zod schemas: see src/tools/register-tool.ts).
 */
export function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}
