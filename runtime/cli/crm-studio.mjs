#!/usr/bin/env node
// The `crm-studio` command. Node 20 cannot run TypeScript, so the CLI's TypeScript is loaded through tsx's API.
import { tsImport } from 'tsx/esm/api';

const { run } = await tsImport('./main.ts', import.meta.url);
const code = await run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
// Exit once the output is flushed, without waiting for idle keep-alive connections.
process.stdout.write('', () => process.exit(code));
