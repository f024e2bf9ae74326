import { expect, test } from 'vitest';
import { localeSnapshot } from './locale-id.extract.js';
import * as snapshot from './locale-id.js';

test("the snapshot equals faker's id_ID locale (run locale-id.extract.ts after a faker upgrade)", () => {
  expect({ ...snapshot }).toEqual(localeSnapshot());
});
