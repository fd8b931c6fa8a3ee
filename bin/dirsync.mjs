#!/usr/bin/env node
// The `dirsync` command: MS Mail utilities and administration of the model (docs/cli.md).
// Runs the prebuilt bundle (.cli/dirsync.mjs, made by `npm install`); a checkout whose sources are
// newer than the bundle rebuilds it first, so a fresh clone and an edited tree both just work.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE, buildCli, bundleIsFresh } from '../scripts/build-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.DIRSYNC_ROOT ??= root;
if (!bundleIsFresh()) await buildCli();
const { main, hostFiles } = await import(pathToFileURL(BUNDLE).href);
// The command line is its user's own machine: file options name host paths.
process.exitCode = main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
  },
  undefined,
  { files: hostFiles },
);
