export type { RepoMap, RepoFile, RepoSymbol } from "../../shared/contract/project.js";
export { loadRepoMap } from "./loadRepoMap.js";
export { renderMapText, estimateTokens } from "./renderMapText.js";
export { analyzeProject, type AnalyzeOptions, type AnalyzeResult } from "./analyzeProject.js";
