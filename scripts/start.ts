import { ensureBuild } from "./build-state";

/** `npm start`: build when there is no current build, then run the server in production mode. */
ensureBuild();
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
require("../server");
