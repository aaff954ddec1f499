/**
 * The house disposal idiom: the first call runs `release`, every later call (even one made while the first is
 * still running) gets the same promise, so "idempotent" also means "every caller waits until it is done".
 */
export function disposeOnce(release: () => Promise<void> | void): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= Promise.resolve().then(release));
}
