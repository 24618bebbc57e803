#!/usr/bin/env node
// The CLI is TypeScript loaded through tsx in-process, so `npx scrm` works from a fresh clone
// without a build step and signals reach the real program directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
