// `gelombang plan waves` prints a table a planner reads in a terminal: every column under its heading for all
// 21 waves (the backlog passes 10 million by wave 12), and the scale rounded to what a person would type.
import { describe, expect, test } from 'vitest';
import { defaultModel } from '../../capacity/model/load-model.js';
import { planWaves } from '../../capacity/waves.js';
import { formatWaves } from './plan.js';

describe('formatWaves', () => {
  const lines = formatWaves(planWaves(defaultModel())).trimEnd().split('\n');
  const header = lines[1]!;
  const rows = lines.slice(2, 2 + 21);

  test('each number ends under the end of its heading, for every wave', () => {
    const headings = ['wave', 'registrations', 'backlog in', 'accepted', 'overflow', 'peak/min', 'scale'];
    for (const row of rows) {
      for (const heading of headings) {
        const end = header.indexOf(heading) + heading.length;
        expect(row[end - 1], `${heading} in "${row}"`).toMatch(/[0-9]/);
        expect(row[end] ?? ' ', `${heading} in "${row}"`).toBe(' ');
      }
      expect(row.indexOf(' -', header.indexOf('sizing') - 1)).toBe(header.indexOf('sizing') - 1);
    }
  });

  test('the scale is rounded to three significant digits', () => {
    const scales = rows.map((row) => row.trim().split(/\s+/)[7]!);
    expect(scales.slice(0, 3)).toEqual(['1', '0.17', '0.121']);
    for (const s of scales) expect(s.replace(/^0\.0*/, '').replace('.', '').length).toBeLessThanOrEqual(3);
  });
});
