import { cpus } from "node:os";
import { benchChaos } from "./chaos.js";
import { benchRouter } from "./router.js";
import { benchStartup } from "./startup.js";

/** `npm run bench`: prints every performance figure the issues set targets for, in one run. */
console.log(`modelmux bench — node ${process.version}, ${cpus().length} cores, ${new Date().toISOString()}`);
await benchStartup();
await benchRouter();
await benchChaos();
