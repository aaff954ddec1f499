export async function runServe(o: unknown): Promise<void> { void o; }
