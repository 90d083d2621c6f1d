// Test instrumentation, loaded with `node --import` into a process under test (never by the product): the transaction
// that publishes a configuration version pauses just before its COMMIT and says so on stderr, so a test can kill the
// process at the worst moment. It wraps libSQL's transaction, not any code of ours.
import { Sqlite3Transaction } from '@libsql/client/sqlite3';

const { execute, commit } = Sqlite3Transaction.prototype;
const publishing = new WeakSet();

Sqlite3Transaction.prototype.execute = function (stmt, args) {
  if (/INSERT INTO config_versions/.test(typeof stmt === 'string' ? stmt : stmt.sql)) publishing.add(this);
  return execute.call(this, stmt, args);
};

Sqlite3Transaction.prototype.commit = async function () {
  if (publishing.has(this)) {
    process.stderr.write('pausing before the publishing commit\n');
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  return commit.call(this);
};
