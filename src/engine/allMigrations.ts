import { conductorMigrations } from "./conductor/migrations.js";
import { ensembleMigrations } from "./ensemble/migrations.js";
import { learningMigrations } from "./learning/migrations.js";
import { modelsMigrations } from "./models/migrations.js";
import { projectMigrations } from "./project/migrations.js";
import { verifyMigrations } from "./verify/migrations.js";
import { coreMigrations } from "./storage/coreMigrations.js";
import type { Migration } from "./storage/Migration.js";

/**
 * Every migration, in the order they apply. Each capability appends to its own list only. The list lives at the
 * engine root (which knows every capability), so storage never imports the capabilities it serves.
 */
export const allMigrations: Migration[] = [
  ...coreMigrations,
  ...modelsMigrations,
  ...projectMigrations,
  ...verifyMigrations,
  ...ensembleMigrations,
  ...conductorMigrations,
  ...learningMigrations,
];
