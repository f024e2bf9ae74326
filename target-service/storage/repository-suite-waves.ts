// Contract, part 4: waves. The quota is kept by the database under heavy concurrency, nobody joins twice,
// and a full wave places the applicant on the next one (the 2020 overflow rule).

import { describe, expect, it } from 'vitest';
import { at, DAY, register, T0 } from './repository-fixtures.js';
import type { CurrentRepo } from './repository-suite.js';
import type { NewWave } from './wave-types.js';

/** Weekly waves 1..count from the fixed clock, each with `quota` places. */
export function weeklyWaves(count: number, quota: number): NewWave[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    opensAt: at(i * 7 * DAY),
    closesAt: at(i * 7 * DAY + 5 * DAY),
    registrationDate: new Date(T0.getTime() + i * 7 * DAY).toISOString().slice(0, 10),
    quota,
  }));
}

/** Accounts 1..count, registered 100 at a time (the setup, not what is under test). */
async function registerMany(repo: ReturnType<CurrentRepo>, count: number): Promise<void> {
  for (let first = 1; first <= count; first += 100) {
    const batch = Array.from({ length: Math.min(100, count - first + 1) }, (_, i) =>
      register(repo, first + i),
    );
    await Promise.all(batch);
  }
}

export function describeWaveContract(repo: CurrentRepo): void {
  describe('waves', () => {
    it('stores the calendar; a second upsert changes window and quota but keeps the places taken', async () => {
      await registerMany(repo(), 1);
      await repo().upsertWaves(weeklyWaves(2, 10));
      await repo().joinWave('acc-1', 1, at(1));
      await repo().upsertWaves(weeklyWaves(3, 20));
      const waves = await repo().listWaves();
      expect(waves.map((w) => [w.id, w.quota, w.joined])).toEqual([
        [1, 20, 1],
        [2, 20, 0],
        [3, 20, 0],
      ]);
      expect(waves[0]!.opensAt).toEqual(T0);
      expect(waves[0]!.registrationDate).toBe('2020-04-11');
    });

    it('joins once: a second join answers the place already held', async () => {
      await registerMany(repo(), 1);
      await repo().upsertWaves(weeklyWaves(2, 10));
      const first = await repo().joinWave('acc-1', 1, at(1));
      expect(first).toEqual({
        outcome: 'joined',
        membership: { accountId: 'acc-1', waveId: 1, requestedWaveId: 1, joinedAt: at(1) },
        remaining: 9,
      });
      const again = await repo().joinWave('acc-1', 2, at(2));
      expect(again).toEqual({
        outcome: 'already-joined',
        membership: { accountId: 'acc-1', waveId: 1, requestedWaveId: 1, joinedAt: at(1) },
      });
      expect(await repo().findWaveMembership('acc-1')).toEqual(
        first.outcome === 'joined' && first.membership,
      );
      expect(await repo().findWaveMembership('acc-2')).toBeUndefined();
    });

    it('places the applicant on the next wave with room when the requested one is full', async () => {
      await registerMany(repo(), 4);
      await repo().upsertWaves([...weeklyWaves(3, 1)]);
      expect((await repo().joinWave('acc-1', 1, at(1))).outcome).toBe('joined');
      const second = await repo().joinWave('acc-2', 1, at(2));
      expect(second.outcome === 'joined' && second.membership).toMatchObject({
        waveId: 2,
        requestedWaveId: 1,
      });
      const third = await repo().joinWave('acc-3', 1, at(3));
      expect(third.outcome === 'joined' && third.membership.waveId).toBe(3);
      expect(await repo().joinWave('acc-4', 1, at(4))).toEqual({ outcome: 'no-place' });
      expect(await repo().joinWave('acc-4', 99, at(4))).toEqual({ outcome: 'no-place' });
      expect((await repo().listWaves()).map((w) => w.joined)).toEqual([1, 1, 1]);
    });

    it('2,000 concurrent joins on a quota of 1,000 admit exactly 1,000 and place the rest on the next wave', async () => {
      await registerMany(repo(), 2000);
      await repo().upsertWaves(weeklyWaves(2, 1000));
      const results = await Promise.all(
        Array.from({ length: 2000 }, (_, i) => repo().joinWave(`acc-${i + 1}`, 1, at(i))),
      );
      const onWave = (id: number) =>
        results.filter((r) => r.outcome === 'joined' && r.membership.waveId === id).length;
      expect([onWave(1), onWave(2)]).toEqual([1000, 1000]);
      expect((await repo().listWaves()).map((w) => w.joined)).toEqual([1000, 1000]);
      // Concurrent joins by one account (a double-tapped button, replicas) still give one place.
      await repo().upsertWaves(weeklyWaves(3, 1000));
      await register(repo(), 2001);
      const same = await Promise.all(Array.from({ length: 8 }, () => repo().joinWave('acc-2001', 1, at(5))));
      expect(same.filter((r) => r.outcome === 'joined')).toHaveLength(1);
      expect(same.filter((r) => r.outcome === 'already-joined')).toHaveLength(7);
      expect((await repo().listWaves()).map((w) => w.joined)).toEqual([1000, 1000, 1]);
    }, 60_000);
  });
}
