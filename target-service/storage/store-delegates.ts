/** The part of a Repository that both engines serve the same way: wave, selection and funnel-record
 *  calls go straight to the dialect-neutral stores (wave-store-*.ts, selection-store.ts,
 *  funnel-record-store.ts). Each engine builds its stores; this base only forwards to them, so a new
 *  store method is wired once rather than once per engine. */
import type { FunnelRecordStore } from './funnel-record-types.js';
import type { SelectionStore } from './selection-types.js';
import type { WaveStore } from './wave-types.js';

export abstract class StoreDelegates {
  protected abstract readonly waves: WaveStore;
  protected abstract readonly records: FunnelRecordStore;
  protected abstract readonly selection: SelectionStore;

  listWaveCandidates: SelectionStore['listWaveCandidates'] = (id) => this.selection.listWaveCandidates(id);
  findWaveSelection: SelectionStore['findWaveSelection'] = (id) => this.selection.findWaveSelection(id);
  claimWaveSelection: SelectionStore['claimWaveSelection'] = (s) => this.selection.claimWaveSelection(s);
  completeWaveSelection: SelectionStore['completeWaveSelection'] = (s) =>
    this.selection.completeWaveSelection(s);

  upsertWaves: WaveStore['upsertWaves'] = (waves) => this.waves.upsertWaves(waves);
  listWaves: WaveStore['listWaves'] = () => this.waves.listWaves();
  findWaveMembership: WaveStore['findWaveMembership'] = (id) => this.waves.findWaveMembership(id);
  joinWave: WaveStore['joinWave'] = (accountId, waveId, now) => this.waves.joinWave(accountId, waveId, now);

  saveDocuments: FunnelRecordStore['saveDocuments'] = (docs) => this.records.saveDocuments(docs);
  listDocuments: FunnelRecordStore['listDocuments'] = (id) => this.records.listDocuments(id);
  documentInUse: FunnelRecordStore['documentInUse'] = (sha) => this.records.documentInUse(sha);
  saveEligibility: FunnelRecordStore['saveEligibility'] = (e) => this.records.saveEligibility(e);
  findEligibility: FunnelRecordStore['findEligibility'] = (id) => this.records.findEligibility(id);
  saveAssessment: FunnelRecordStore['saveAssessment'] = (a) => this.records.saveAssessment(a);
  findAssessment: FunnelRecordStore['findAssessment'] = (id) => this.records.findAssessment(id);
}
