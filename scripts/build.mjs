#!/usr/bin/env node
// `npm run build`: always builds, and records the source fingerprint `npm start` compares against.
import { ensureBuild } from "./lib/build.mjs";

await ensureBuild({ force: true });
