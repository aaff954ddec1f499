import type { Migration } from "../storage/Migration.js";

/** Schema steps of the models capability; ids start with "models-". Append only. */
export const modelsMigrations: Migration[] = [];
