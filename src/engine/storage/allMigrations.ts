import { ensembleMigrations } from "../ensemble/migrations.js";
import { learningMigrations } from "../learning/migrations.js";
import { modelsMigrations } from "../models/migrations.js";
import { projectMigrations } from "../project/migrations.js";
import { verifyMigrations } from "../verify/migrations.js";
import { coreMigrations } from "./coreMigrations.js";
import type { Migration } from "./Migration.js";

/** Every migration, in the order they apply. Each capability appends to its own list only. */
export const allMigrations: Migration[] = [
  ...coreMigrations,
  ...modelsMigrations,
  ...projectMigrations,
  ...verifyMigrations,
  ...ensembleMigrations,
  ...learningMigrations,
];
