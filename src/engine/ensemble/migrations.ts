import type { Migration } from "../storage/Migration.js";

/** Schema steps of the ensemble capability; ids start with "ensemble-". Append only. */
export const ensembleMigrations: Migration[] = [];
