/**
 * Whether a fence info string is a citation of existing code (```` ```12:15:src/x.ts ````, Cursor's chat): it shows
 * lines that are already in the file and must never be written into one.
 */
export function isCitation(info: string): boolean {
  return /^\d+:\d+:\S/.test(info.trim());
}
