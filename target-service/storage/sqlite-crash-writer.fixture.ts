// Child process for the kill -9 durability test (sqlite-repository.test.ts): commits one account,
// says so on stdout, then waits to be killed without closing the database.

import { createRepository } from './create-repository.js';
import { register } from './repository-fixtures.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: sqlite-crash-writer.fixture.ts <db-path>');
const repo = createRepository({ kind: 'sqlite', path });
await repo.migrate();
await register(repo, 1);
process.stdout.write('committed\n');
setInterval(() => {}, 60_000);
