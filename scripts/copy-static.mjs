// Copies the dashboard's static files next to the compiled module (dist/dashboard/static),
// so `npm start` and an installed package serve them from the same relative place.
import { cpSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
cpSync(join(root, "src/dashboard/static"), join(root, "dist/dashboard/static"), { recursive: true });
