// What every station of the simulation accounts, whatever its queue discipline: the time integrals
// (∫ busy servers dt, ∫ queue dt: utilisation, mean queue and Little's law at the end), the job counts and
// waits, and the starts since the last minute mark (the per-minute series). The stations keep their own
// queues and their own way of moving the integrals forward (station.ts evented, fifo-station.ts computed).
export class StationCounters {
  /** The time the integrals have reached. */
  protected lastT = 0;
  busyArea = 0;
  queueArea = 0;
  entries = 0;
  completions = 0;
  sumWait = 0;
  sumResponse = 0;
  /** Jobs that started service, and their summed waits, since the last minute mark. */
  minuteStarts = 0;
  minuteWait = 0;

  constructor(
    readonly name: string,
    readonly servers: number,
  ) {}
}
