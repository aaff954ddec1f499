export { writeTinyLlamaGguf, BENCH_MODEL_OPTIONS, type TinyLlamaOptions, type TinyLlamaFile, type GgufCorruption } from "./writeTinyLlamaGguf.js";
export { writeGguf, tensorBytes, type GgufKv, type GgufTensor, type TensorType } from "./GgufWriter.js";
export { buildSpmByteVocab, fillerWord } from "./buildSpmByteVocab.js";
export { writeHostileGguf, type HostileGguf } from "./writeHostileGguf.js";
