import type { Migration } from "../storage/Migration.js";

/** Schema steps of the project capability; ids start with "project-". Append only. */
export const projectMigrations: Migration[] = [];
