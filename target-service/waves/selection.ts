// Who is accepted on a wave. In 2020 selection was "random, by the system; NIKs proposed by the Ministry
// of Manpower (laid-off workers) go first" (launch-facts.md). So: the wave's members whose NIK is on the
// priority list, in the list's order, then the others in a random order drawn from `seed` (the project's
// one PRNG), until `places` are filled. Same members, list and seed: the same announcement.
//
// Running it again is safe: the first run's selection is stored (with its whole ordered list) before any
// announcement row, so a re-run with the same inputs answers the stored announcement (completing it if
// the first run was interrupted) and a re-run with other inputs is refused: an announcement is final.
import { createHash } from 'node:crypto';
import { glbError } from '../errors.js';
import { seededRandom } from '../registry/seeded-random.js';
import type { AnnouncedApplicant, WaveCandidate, WaveSelection } from '../storage/selection-types.js';
import type { Repository } from '../storage/types.js';

export interface SelectionRequest {
  waveId: number;
  /** Seeds the random draw (uint32). */
  seed: number;
  /** Places to fill; default: the wave's quota. */
  places?: number | undefined;
  /** The Ministry's proposed NIKs, in priority order (duplicates ignored). */
  priorityNiks: readonly string[];
}

export interface SelectionOutcome {
  selection: WaveSelection;
  /** False when the wave had been announced before with the same inputs (nothing new written). */
  created: boolean;
}

/** Pure: the ordered selection from candidates (in a stable order), a priority list and a seed. */
export function selectApplicants(
  candidates: readonly WaveCandidate[],
  priorityNiks: readonly string[],
  places: number,
  seed: number,
): AnnouncedApplicant[] {
  const byNik = new Map<string, WaveCandidate>();
  for (const c of candidates) if (c.nik !== null) byNik.set(c.nik, c);
  const chosen = new Set<string>();
  const out: AnnouncedApplicant[] = [];
  for (const nik of priorityNiks) {
    if (out.length >= places) break;
    const c = byNik.get(nik);
    if (c === undefined || chosen.has(c.accountId)) continue;
    chosen.add(c.accountId);
    out.push({ accountId: c.accountId, rank: out.length + 1, basis: 'priority' });
  }
  // Fisher–Yates over the rest, in their stable order: a uniform random order from the seed.
  const rest = candidates.filter((c) => !chosen.has(c.accountId));
  const random = seededRandom(seed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  for (const c of rest) {
    if (out.length >= places) break;
    out.push({ accountId: c.accountId, rank: out.length + 1, basis: 'random' });
  }
  return out;
}

export function selectionParamsHash(seed: number, places: number, priorityNiks: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([seed, places, priorityNiks]))
    .digest('hex');
}

/** Selects and announces wave `waveId`, or answers the announcement already made with the same inputs.
 *  Throws GlbError SELECTION_WAVE_NOT_FOUND, or SELECTION_ALREADY_ANNOUNCED when the wave was announced
 *  with another seed, number of places or priority list. */
export async function announceWave(
  repo: Repository,
  req: SelectionRequest,
  now = new Date(),
): Promise<SelectionOutcome> {
  const wave = (await repo.listWaves()).find((w) => w.id === req.waveId);
  if (wave === undefined) throw glbError('SELECTION_WAVE_NOT_FOUND', { waveId: req.waveId });
  const places = req.places ?? wave.quota;
  const priority = [...new Set(req.priorityNiks)];
  const paramsHash = selectionParamsHash(req.seed, places, priority);

  let stored = await repo.findWaveSelection(req.waveId);
  let created = false;
  if (stored === undefined) {
    const candidates = await repo.listWaveCandidates(req.waveId);
    const selected = selectApplicants(candidates, priority, places, req.seed);
    const fromPriority = selected.filter((a) => a.basis === 'priority').length;
    const mine: WaveSelection = {
      waveId: req.waveId,
      seed: req.seed,
      places,
      paramsHash,
      candidates: candidates.length,
      fromPriority,
      drawn: selected.length - fromPriority,
      selected,
      complete: false,
      announcedAt: now,
    };
    stored = await repo.claimWaveSelection(mine);
    created = stored.paramsHash === paramsHash && stored.announcedAt.getTime() === now.getTime();
  }
  if (stored.paramsHash !== paramsHash) {
    throw glbError('SELECTION_ALREADY_ANNOUNCED', {
      waveId: req.waveId,
      seed: stored.seed,
      places: stored.places,
      announcedAt: stored.announcedAt.toISOString(),
    });
  }
  if (!stored.complete) {
    await repo.completeWaveSelection(stored);
    stored = { ...stored, complete: true };
  }
  return { selection: stored, created };
}
