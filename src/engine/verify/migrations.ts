import type { Migration } from "../storage/Migration.js";

/** Schema steps of the verify capability; ids start with "verify-". Append only. */
export const verifyMigrations: Migration[] = [];
