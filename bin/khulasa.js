#!/usr/bin/env node
// The package's command. TypeScript sources run through tsx's loader, so `npm ci` needs no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
