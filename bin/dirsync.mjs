#!/usr/bin/env node
// The `dirsync` command: MS Mail utilities and administration of the model (docs/cli.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.DIRSYNC_ROOT ??= root;
register({ tsconfig: path.join(root, 'tsconfig.json') });
const { main } = await import(path.join(root, 'lib/cli/main.ts'));
// The command line is its user's own machine: file options name host paths.
const { hostFiles } = await import(path.join(root, 'lib/cli/host-files.ts'));
process.exitCode = main(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
  },
  undefined,
  { files: hostFiles },
);
