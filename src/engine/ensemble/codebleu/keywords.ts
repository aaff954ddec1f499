import type { CodeLanguage } from "./codeLanguage.js";

const words = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

const PY = words(`False None True and as assert async await break class continue def del elif else except finally for from
  global if import in is lambda nonlocal not or pass raise return try while with yield match case print len range self`);
const JS = words(`break case catch class const continue debugger default delete do else export extends finally for function if
  import in instanceof let new return super switch this throw try typeof var void while with yield async await of null
  undefined true false static get set`);
const TS = new Set([...JS, ...words(`interface type enum implements private protected public readonly abstract declare namespace
  keyof infer is as satisfies never unknown any string number boolean`)]);
const JAVA = words(`abstract assert boolean break byte case catch char class const continue default do double else enum extends
  final finally float for goto if implements import instanceof int interface long native new package private protected public
  return short static strictfp super switch synchronized this throw throws transient try void volatile while true false null var`);
const GO = words(`break case chan const continue default defer else fallthrough for func go goto if import interface map package
  range return select struct switch type var nil true false make len append`);
const RUST = words(`as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod move
  mut pub ref return self Self static struct super trait true type unsafe use where while Some None Ok Err`);

const BY_LANGUAGE: Record<CodeLanguage, Set<string>> = {
  python: PY,
  javascript: JS,
  typescript: TS,
  tsx: TS,
  java: JAVA,
  go: GO,
  rust: RUST,
  generic: new Set([...PY, ...JS, ...JAVA, ...GO, ...RUST]),
};

/** The keywords (and a few ubiquitous built-ins) that weigh 1 in CodeBLEU's weighted n-gram match; others weigh 0.2. */
export function keywordsFor(language: CodeLanguage): ReadonlySet<string> {
  return BY_LANGUAGE[language];
}
