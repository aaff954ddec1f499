/**
 * Paths (gitignore syntax, applied at the project root on top of the walk's own rules) that never count as a
 * generator's edit: the app's own `artifacts/` (repo map, state) and the temp/backup files editors write while
 * saving (vim swap files and its `4913` probe, emacs lock and backup files, JetBrains safe-write copies, GNOME's
 * `.goutputstream-*`, Kate swap files).
 */
export const GENERATOR_EXCLUDES: readonly string[] = [
  "/artifacts/",
  "*.swp",
  "*.swo",
  "*.swx",
  "4913",
  "*~",
  ".#*",
  "#*#",
  "*___jb_tmp___",
  "*___jb_old___",
  ".goutputstream-*",
  ".*.kate-swp",
  "*.crdownload",
];
