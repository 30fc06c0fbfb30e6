#!/usr/bin/env node
// The package's command. TypeScript sources run through tsx's loader, so `npm ci` needs no build step.
import { register } from 'tsx/esm/api';

// A reader that stops early (`khulasa summarize … | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
