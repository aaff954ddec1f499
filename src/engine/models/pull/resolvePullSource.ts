import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { isLoopbackUrl } from "../../inference/isLoopbackUrl.js";

/** A file to download, with what we know to verify it. */
export interface PullTarget {
  url: string;
  fileName: string;
  sizeBytes?: number;
  sha256?: string;
}

interface HfTreeEntry {
  type: string;
  path: string;
  size?: number;
  lfs?: { oid?: string; size?: number };
}

/**
 * Turn "hf:user/repo:QUANT", "hf:user/repo/path/file.gguf" or an https:// URL into a download.
 * For Hugging Face, the repo's file tree (`/api/models/<repo>/tree/main`) gives size and sha256.
 * Plain http is accepted only for loopback hosts (local mirrors, tests).
 */
export async function resolvePullSource(source: string, hfEndpoint: string, signal?: AbortSignal): Promise<PullTarget> {
  if (/^https?:\/\//i.test(source)) {
    if (source.startsWith("http:") && !isLoopbackUrl(source)) throw new AppError(ErrorCode.InvalidInput, "Use https:// for downloads (plain http only for 127.0.0.1)");
    const fileName = decodeURIComponent(new URL(source).pathname.split("/").pop() || "model.gguf");
    return { url: source, fileName };
  }
  const m = /^hf:([^/\s]+\/[^/:\s]+)(?::([^/\s]+)|\/(.+\.gguf))?$/i.exec(source);
  if (!m) throw new AppError(ErrorCode.InvalidInput, `Cannot read "${source}": use hf:user/repo:QUANT, hf:user/repo/file.gguf or an https:// URL`);
  const [, repo, quant, file] = m as unknown as [string, string, string | undefined, string | undefined];
  const base = hfEndpoint.replace(/\/+$/, "");
  const tree = await hfTree(base, repo, signal);
  const ggufs = tree.filter((e) => e.type === "file" && /\.gguf$/i.test(e.path) && !/mmproj/i.test(e.path));
  const pick = file
    ? ggufs.find((e) => e.path === file)
    : quant
      ? ggufs.find((e) => e.path.toLowerCase().includes(quant.toLowerCase()) && Number(/-(\d+)-of-\d+\.gguf$/i.exec(e.path)?.[1] ?? 1) === 1)
      : ggufs.find((e) => /q4_k_m/i.test(e.path)) ?? ggufs[0];
  if (!pick) {
    throw new AppError(ErrorCode.NotFound, `No ${quant ?? file ?? "GGUF"} file in ${repo}; it has: ${ggufs.map((e) => e.path).join(", ") || "no GGUF files"}`);
  }
  return {
    url: `${base}/${repo}/resolve/main/${pick.path.split("/").map(encodeURIComponent).join("/")}`,
    fileName: pick.path.split("/").pop()!,
    sizeBytes: pick.lfs?.size ?? pick.size,
    ...(pick.lfs?.oid && /^[0-9a-f]{64}$/i.test(pick.lfs.oid) ? { sha256: pick.lfs.oid.toLowerCase() } : {}),
  };
}

async function hfTree(base: string, repo: string, signal?: AbortSignal): Promise<HfTreeEntry[]> {
  const url = `${base}/api/models/${repo}/tree/main?recursive=true`;
  let res: Response;
  try {
    res = await fetch(url, { signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000) });
  } catch (err) {
    throw offlineError(err, url);
  }
  if (res.status === 404 || res.status === 401) throw new AppError(ErrorCode.NotFound, `Hugging Face has no public repo "${repo}"`);
  if (!res.ok) throw new AppError(ErrorCode.Unavailable, `Hugging Face answered HTTP ${res.status} for ${repo}`);
  return (await res.json()) as HfTreeEntry[];
}

/** A network failure explained for someone who may simply be offline. */
export function offlineError(err: unknown, url: string): AppError {
  if ((err as Error)?.name === "AbortError" || (err as Error)?.name === "TimeoutError") {
    return new AppError(ErrorCode.Timeout, `No answer from ${new URL(url).host} (offline or very slow network?)`, { cause: err });
  }
  const code = (err as { cause?: { code?: string } })?.cause?.code;
  const host = new URL(url).host;
  const why = code === "ENOTFOUND" || code === "EAI_AGAIN" ? "the name does not resolve — are you offline?" : code === "ECONNREFUSED" ? "connection refused" : `network error (${code ?? (err as Error)?.message})`;
  return new AppError(ErrorCode.Unavailable, `Cannot reach ${host}: ${why}`, { cause: err, details: { url, code } });
}
