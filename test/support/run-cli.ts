// The `crm-studio` command's main, for tests that load instrumentation into the process first (`node --import tsx --import …`):
// run so, every module (libSQL's too) is loaded once, where the instrumentation can reach it.
import { run } from '../../runtime/cli/main.ts';

const code = await run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
process.stdout.write('', () => process.exit(code));
