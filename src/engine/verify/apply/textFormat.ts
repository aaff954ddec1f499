const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export interface TextShape {
  bom: boolean;
  crlf: boolean;
  binary: boolean;
}

/** BOM, dominant line ending and binary-ness of existing file bytes. */
export function textShape(bytes: Buffer): TextShape {
  const bom = bytes.length >= 3 && bytes.subarray(0, 3).equals(BOM);
  const binary = bytes.subarray(0, 8192).includes(0);
  const s = bytes.toString("utf8");
  const crlf = (s.match(/\r\n/g) ?? []).length;
  const lf = (s.match(/\n/g) ?? []).length - crlf;
  return { bom, crlf: crlf > 0 && crlf >= lf, binary };
}

/** Text for diffs and patching: UTF-8 without BOM, LF line endings. */
export function toDiffText(bytes: Buffer): string {
  const s = bytes.toString("utf8");
  return (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s).replace(/\r\n/g, "\n");
}

/** Bytes to write for `text` (LF endings) so the file keeps the shape (BOM, CRLF) it had. */
export function toFileBytes(text: string, shape: Pick<TextShape, "bom" | "crlf"> | null): Buffer {
  const lf = text.replace(/\r\n/g, "\n");
  const body = Buffer.from(shape?.crlf ? lf.replace(/\n/g, "\r\n") : lf, "utf8");
  return shape?.bom ? Buffer.concat([BOM, body]) : body;
}
