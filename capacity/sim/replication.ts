// One replication of the discrete-event simulation: applicants arrive as the scenario's profile says (the
// engine's own arrival schedule), follow their journey paths (journey-paths.ts), and each request passes
// the stations its step uses, in order: upload link → event loop (CPU) → thread pool (password hash) →
// population registry (through the service's client: bulkhead, timeout, retries honouring Retry-After) →
// database. A failed request (shed, turned away) is retried as the journey's client does, or abandoned.
// Profiles whose registry check failed are stored pending and verified in the background.
// Everything lives in typed arrays indexed by request slot or registry call, or in the events themselves
// (an applicant between requests is a token in its event); the event list is a calendar of sorted
// one-second buckets in a pool of typed-array chunks, with the arrival schedule merged in as a stream
// (event-heap.ts). No object or closure is created per event.
import { arrivalSchedule } from '../../scenarios/model/arrivals.js';
import type { CompiledProfile } from '../../scenarios/model/profile.js';
import { EventHeap, STREAM_KIND } from './event-heap.js';
import { END_ABANDONED, END_COMPLETED, END_DROPPED_OUT, type JourneyPaths } from './journey-paths.js';
import { LogHistogram } from './log-histogram.js';
import { SimRng } from './rng.js';
import { DIST_CONSTANT, DIST_EXPONENTIAL, type SimParams } from './sim-params.js';
import { FifoStation } from './fifo-station.js';
import { Station } from './station.js';

// Event kinds.
const EV_ARRIVAL = STREAM_KIND; // the arrival schedule, merged as the event list's stream
const EV_ISSUE = 2; // subject: the applicant between requests (a token: path, position, attempts)
const EV_STAGE = 3; // subject: request slot, reaching the station of its stage
const EV_FINISH = 9; // subject: how a journey ends (END_*; only when a waiting room needs the exact time)
const EV_REG_DONE = 4; // subject: call << 6 | attempt sequence
const EV_REG_TIMEOUT = 5;
const EV_REG_RETRY = 6; // subject: call
const EV_VERIFY = 7; // subject: call (a background verification job)
const EV_MINUTE = 8;

// Request stages, in the order a request passes them.
const ST_NET = 0;
const ST_CPU = 1;
const ST_POOL = 2;
const ST_REGISTRY = 3;
const ST_DB = 4;
const ST_END = 5;
// Between requests an applicant is only a token in its event: path | position << 14 | attempts << 22, so an
// event after a think time (a launch peak holds ~10⁵ applicants between requests) touches no cold memory.
// A request passing its stations computed, in one go, keeps its record in arguments; one that must wait
// for an event (a further station, the registry) takes a slot until it is answered or fails (a few
// hundred at once, so the slots stay in cache); a slot's record is 16 bytes, seen as 16-bit words (W_*),
// bytes (B_*) and, for the issue time, a float64 (the record's second half).
const POS_SHIFT = 14;
const ATTEMPTS_SHIFT = 22;
const PATH_MASK = (1 << POS_SHIFT) - 1;
const POS_MASK = (1 << (ATTEMPTS_SHIFT - POS_SHIFT)) - 1;
const W_PATH = 0; // index into the journey paths
const W_POS = 1; // request of the path being taken
const W_ATTEMPTS = 2; // attempts of the current request
const B_STAGE = 6; // the station the request goes to next
const B_STEP = 7; // the step of the current request (paths.stepOf, cached)
const RECORD_BYTES = 16;
export const STATION_NAMES = ['network', 'cpu', 'thread-pool', 'registry', 'database'] as const;

export interface ReplicationInput {
  profile: CompiledProfile;
  paths: JourneyPaths;
  params: SimParams;
  seed: number;
  arrivalSeed: number;
  thinkScale: number;
  timeScale: number;
  /** Called at every simulated minute with the seconds simulated so far (progress). */
  onMinute?: ((seconds: number) => void) | undefined;
}

export interface MinuteSeries {
  arrivals: number[];
  completed: number[];
  abandoned: number[];
  droppedOut: number[];
  pending: number[];
  /** Per station (STATION_NAMES order, then the waiting room): queue length, mean wait, utilisation. */
  queue: number[][];
  wait: number[][];
  utilisation: number[][];
}

export interface StationTotals {
  servers: number;
  busyArea: number;
  queueArea: number;
  completions: number;
  sumWait: number;
  sumResponse: number;
}

export interface ReplicationResult {
  endSeconds: number;
  events: number;
  arrivals: number;
  completed: number;
  abandoned: number;
  droppedOut: number;
  turnedAway: number;
  unfinished: number;
  pending: number;
  /** Registry calls failed at once by an open circuit breaker. */
  circuitOpenRejections: number;
  stepRequests: Float64Array;
  stepFailed: Float64Array;
  histograms: LogHistogram[];
  stations: StationTotals[];
  minutes: MinuteSeries;
}

/** Runs one replication to the end of the arrivals and the drain of every journey (capped). */
export function runReplication(input: ReplicationInput): ReplicationResult {
  const { profile, paths, params: P, thinkScale, timeScale } = input;
  const R = P.registry;
  const rng = new SimRng(input.seed, 0x51d);
  const heap = new EventHeap();
  const schedule = arrivalSchedule(profile, { seed: input.arrivalSeed });
  const stepCount = P.stepCount;
  const histograms = Array.from({ length: stepCount }, () => new LogHistogram());
  const stepRequests = new Float64Array(stepCount);
  // Latencies are recorded in batches: the histograms' lookup tables and counts (~300 kB for a funnel's
  // steps) then stay in cache for a batch instead of competing with the event list on every request.
  // Same samples in the same order, so the same histograms.
  const LATENCY_BATCH = 4096;
  const latencyMs = new Float64Array(LATENCY_BATCH);
  const latencyStep = new Uint8Array(LATENCY_BATCH);
  let latencies = 0;
  const flushLatencies = (): void => {
    for (let i = 0; i < latencies; i++) histograms[latencyStep[i]!]!.record(latencyMs[i]!);
    latencies = 0;
  };
  const recordLatency = (step: number, ms: number): void => {
    latencyMs[latencies] = ms;
    latencyStep[latencies] = step;
    if (++latencies === LATENCY_BATCH) flushLatencies();
  };
  const stepFailed = new Float64Array(stepCount);
  // FIFO stations are computed (fifo-station.ts); the registry, with its timeouts, refusals and queue
  // departures, is evented. Index = stage; the registry's slot holds a placeholder FIFO that is never used.
  const fifo = [
    new FifoStation('network', 1),
    new FifoStation('cpu', P.cpuServers),
    new FifoStation('thread-pool', P.poolServers),
    new FifoStation('registry', 1),
    new FifoStation('database', P.dbServers),
  ];
  const reg = new Station('registry', R.slots);
  const room = new Station('waiting-room', P.waitingRoom.maxActive);
  const retryDelays = paths.retryDelays;

  let longest = 0;
  for (let p = 0; p < paths.count; p++) longest = Math.max(longest, paths.length[p]!);
  if (paths.count > PATH_MASK + 1 || longest >= POS_MASK || stepCount > 0xff) {
    throw new RangeError(
      `at most ${PATH_MASK + 1} paths of ${POS_MASK - 1} requests and 255 steps, got ${paths.count}, ${longest} and ${stepCount}`,
    );
  }
  // Request slots (see RECORD_BYTES).
  let cap = 1 << 14;
  let W = new Uint16Array(cap * (RECORD_BYTES / 2));
  let B = new Uint8Array(W.buffer);
  let T = new Float64Array(W.buffer); // T[slot * 2 + 1]: when the current attempt was sent (s)
  let freeSlots = new Int32Array(cap);
  let freeCount = 0;
  let nextSlot = 0;
  const allocSlot = (): number => {
    if (freeCount > 0) return freeSlots[--freeCount]!;
    if (nextSlot === cap) {
      cap *= 2;
      const w = new Uint16Array(cap * (RECORD_BYTES / 2));
      w.set(W);
      W = w;
      B = new Uint8Array(W.buffer);
      T = new Float64Array(W.buffer);
      freeSlots = growI32(freeSlots, cap);
    }
    return nextSlot++;
  };

  // Registry calls (a request's verify(), or a background verification job).
  let ccap = 1 << 12;
  let cOwner = new Int32Array(ccap); // slot, or −1 for a background job
  let cAttempt = new Int32Array(ccap); // attempts within this verify()
  let cSeq = new Int32Array(ccap); // bumps on every attempt: stale timeouts and answers are ignored
  let cState = new Int8Array(ccap); // 0 idle, 1 queued at the registry, 2 in service, 3 waiting for a permit
  let cSent = new Int32Array(ccap); // permits in use (per instance) when the attempt was sent, itself included
  let cStart = new Float64Array(ccap); // attempt start
  let cJobAttempts = new Int32Array(ccap); // background verification attempts
  let cInstance = new Int32Array(ccap); // the service instance whose client makes the call (its breaker)
  let cFree = new Int32Array(ccap);
  let cFreeCount = 0;
  let cNext = 0;
  // Requests reach the instances in turn (a round-robin balancer); a background job stays with the
  // instance that stored its profile pending.
  let nextInstance = 0;
  const allocCall = (owner: number, instance = -1): number => {
    let c: number;
    if (cFreeCount > 0) c = cFree[--cFreeCount]!;
    else {
      if (cNext === ccap) {
        ccap *= 2;
        cOwner = growI32(cOwner, ccap);
        cAttempt = growI32(cAttempt, ccap);
        cSeq = growI32(cSeq, ccap);
        const st = new Int8Array(ccap);
        st.set(cState);
        cState = st;
        cStart = growF64(cStart, ccap);
        cJobAttempts = growI32(cJobAttempts, ccap);
        cInstance = growI32(cInstance, ccap);
        cSent = growI32(cSent, ccap);
        cFree = growI32(cFree, ccap);
      }
      c = cNext++;
    }
    cOwner[c] = owner;
    if (instance >= 0) cInstance[c] = instance;
    else {
      cInstance[c] = nextInstance;
      nextInstance = nextInstance + 1 === R.instances ? 0 : nextInstance + 1;
    }
    cAttempt[c] = 0;
    cState[c] = 0;
    cJobAttempts[c] = 0;
    return c;
  };
  const freeCall = (c: number): void => {
    cSeq[c] = (cSeq[c]! + 1) | 0;
    cState[c] = 0;
    cFree[cFreeCount++] = c;
  };

  let now = 0;
  let events = 0;
  let arrivals = 0;
  let completed = 0;
  let abandoned = 0;
  let droppedOut = 0;
  let turnedAway = 0;
  let active = 0;
  let pending = 0;
  let registryInFlight = 0;
  let arrivalsOver = false;
  let tokens = R.rateLimit;
  let tokensAt = 0;
  // Minute counters.
  let mArrivals = 0;
  let mCompleted = 0;
  let mAbandoned = 0;
  let mDropped = 0;
  const minutes: MinuteSeries = {
    arrivals: [],
    completed: [],
    abandoned: [],
    droppedOut: [],
    pending: [],
    queue: [[], [], [], [], [], []],
    wait: [[], [], [], [], [], []],
    utilisation: [[], [], [], [], [], []],
  };
  const lastBusyArea = new Float64Array(6);

  const applies = (stage: number, step: number): boolean => {
    if (stage === ST_NET) return P.uploadSeconds[step]! > 0;
    if (stage === ST_CPU) return P.cpuDemand[step]! > 0;
    if (stage === ST_POOL) return P.hashes[step] === 1 && P.hashSeconds > 0;
    if (stage === ST_REGISTRY) return P.callsRegistry[step] === 1;
    return P.dbDemand[step]! > 0;
  };
  // The route of each step's requests: route[step · 6 + from] is the first stage ≥ from it uses.
  const route = new Uint8Array(stepCount * 6);
  for (let step = 0; step < stepCount; step++) {
    for (let from = ST_END; from >= 0; from--) {
      route[step * 6 + from] = from === ST_END || applies(from, step) ? from : route[step * 6 + from + 1]!;
    }
  }

  // ── journeys ──
  /** Waiting room entry times, in the room's FIFO order (its queue holds the applicants' paths). */
  let roomEnter = new Float64Array(1024);
  let roomHead = 0;
  let roomCount = 0;
  const roomEnqueue = (path: number): void => {
    if (roomCount === roomEnter.length) {
      const bigger = new Float64Array(roomEnter.length * 2);
      for (let i = 0; i < roomCount; i++) bigger[i] = roomEnter[(roomHead + i) & (roomEnter.length - 1)]!;
      roomEnter = bigger;
      roomHead = 0;
    }
    roomEnter[(roomHead + roomCount) & (roomEnter.length - 1)] = now;
    roomCount += 1;
    room.enqueue(path);
  };

  const finish = (end: number): void => {
    if (end === END_COMPLETED) {
      completed += 1;
      mCompleted += 1;
    } else if (end === END_DROPPED_OUT) {
      droppedOut += 1;
      mDropped += 1;
    } else {
      abandoned += 1;
      mAbandoned += 1;
    }
    active -= 1;
    if (P.waitingRoom.enabled && room.waiting > 0) {
      room.advance(now);
      room.waiting -= 1;
      const next = room.dequeue();
      const waited = now - roomEnter[roomHead]!;
      roomHead = (roomHead + 1) & (roomEnter.length - 1);
      roomCount -= 1;
      room.completions += 1;
      room.sumWait += waited;
      room.sumResponse += waited;
      room.noteStart(waited);
      admit(next);
    }
  };

  // The paths and the model's per-step numbers, read on every request: locals, not property chains.
  const pathLength = paths.length;
  const pathOffset = paths.offset;
  const pathEnd = paths.end;
  const pathPatience = paths.patience;
  const stepOf = paths.stepOf;
  const thinkSeconds = paths.thinkSeconds;
  const uploadSeconds = P.uploadSeconds;
  const cpuDemand = P.cpuDemand;
  const dbDemand = P.dbDemand;
  const cpuDist = P.cpuDist;
  const cpuSigma = P.cpuSigma;
  const poolDist = P.poolDist;
  const poolSigma = P.poolSigma;
  const hashSeconds = P.hashSeconds;
  const dbDist = P.dbDist;
  const dbSigma = P.dbSigma;
  const shedding = P.shedding.enabled;
  const shedQueueSeconds = P.shedding.maxQueueSeconds;
  const shedRetryAfter = P.shedding.retryAfter;
  const waitingRoom = P.waitingRoom.enabled;

  /** The applicant's request `pos` of `path`, from time t (≥ now): its think time, then the request. */
  const beginStep = (path: number, pos: number, t: number): void => {
    if (pos >= pathLength[path]!) {
      endAt(pathEnd[path]!, t);
      return;
    }
    const at = t + thinkSeconds[pathOffset[path]! + pos]! * thinkScale;
    if (at === now) send0(path, pos, 1);
    else heap.push(at, EV_ISSUE, path | (pos << POS_SHIFT)); // no attempt yet
  };

  /** A journey ends at t: at once when t is now (or nothing waits on the exact time), else by an event. */
  const endAt = (end: number, t: number): void => {
    if (t === now || !waitingRoom) finish(end);
    else heap.push(t, EV_FINISH, end);
  };

  /** The applicant sends attempt `attempts` of request `pos` of `path` now. It has no slot until it must
   *  wait for an event (most requests pass their stations computed, in one go, and never take one). */
  const send0 = (path: number, pos: number, attempts: number): void => {
    proceed(-1, path, pos, attempts, stepOf[pathOffset[path]! + pos]!, now, ST_NET);
  };

  /** The request's record in a slot, when it has to wait for an event. */
  const save = (path: number, pos: number, attempts: number, step: number, sentAt: number): number => {
    const slot = allocSlot();
    W[slot * 8 + W_PATH] = path;
    W[slot * 8 + W_POS] = pos;
    W[slot * 8 + W_ATTEMPTS] = attempts;
    B[slot * 16 + B_STEP] = step;
    T[slot * 2 + 1] = sentAt;
    return slot;
  };

  const admit = (path: number): void => {
    active += 1;
    beginStep(path, 0, now);
  };

  /** The request (its slot, or −1) is answered at t (≥ now); its slot is free again. */
  const requestDone = (
    slot: number,
    path: number,
    pos: number,
    step: number,
    sentAt: number,
    t: number,
  ): void => {
    recordLatency(step, (t - sentAt) * 1000);
    stepRequests[step] = stepRequests[step]! + 1;
    if (slot >= 0) freeSlots[freeCount++] = slot;
    if (pos === pathLength[path]! - 1 && pathEnd[path] === END_ABANDONED) {
      endAt(END_ABANDONED, t); // the service rightly rejected the applicant's data
      return;
    }
    beginStep(path, pos + 1, t);
  };

  /** The request fails now: the applicant retries after max(Retry-After, a human delay), or gives up. */
  const requestFailed = (
    slot: number,
    path: number,
    pos: number,
    attempts: number,
    step: number,
    sentAt: number,
    retryAfter: number,
  ): void => {
    recordLatency(step, (now - sentAt) * 1000);
    stepRequests[step] = stepRequests[step]! + 1;
    stepFailed[step] = stepFailed[step]! + 1;
    if (slot >= 0) freeSlots[freeCount++] = slot;
    if (attempts <= pathPatience[path]!) {
      const human = retryDelays[rng.u32() % retryDelays.length]! * thinkScale;
      const token = path | (pos << POS_SHIFT) | (attempts << ATTEMPTS_SHIFT);
      heap.push(now + Math.max(retryAfter, human), EV_ISSUE, token);
    } else finish(END_ABANDONED);
  };

  // ── stations ──
  /** A service time at a FIFO stage for a request of `step` (seconds). */
  const serviceTime = (stage: number, step: number): number => {
    if (stage === ST_CPU) {
      const mean = cpuDemand[step]!;
      return cpuDist === DIST_EXPONENTIAL
        ? rng.exponential(mean)
        : cpuDist === DIST_CONSTANT
          ? mean
          : rng.lognormal(mean, cpuSigma);
    }
    if (stage === ST_NET) return uploadSeconds[step]!;
    if (stage === ST_POOL) {
      return poolDist === DIST_CONSTANT
        ? hashSeconds
        : poolDist === DIST_EXPONENTIAL
          ? rng.exponential(hashSeconds)
          : rng.lognormal(hashSeconds, poolSigma);
    }
    const mean = dbDemand[step]!;
    return dbDist === DIST_EXPONENTIAL
      ? rng.exponential(mean)
      : dbDist === DIST_CONSTANT
        ? mean
        : rng.lognormal(mean, dbSigma);
  };

  /** The request (slot, or −1 with its record in the arguments) reaches its stage `from`, or the next that
   *  applies, now. */
  const proceed = (
    slot: number,
    path: number,
    pos: number,
    attempts: number,
    step: number,
    sentAt: number,
    from: number,
  ): void => {
    let stage = route[step * 6 + from]!;
    if (stage === ST_END) {
      requestDone(slot, path, pos, step, sentAt, now);
      return;
    }
    if (stage === ST_REGISTRY) {
      startVerify(slot >= 0 ? slot : save(path, pos, attempts, step, sentAt));
      return;
    }
    let t = now;
    for (;;) {
      const st = fifo[stage]!;
      if (stage === ST_CPU && shedding && st.waitAt(now) > shedQueueSeconds) {
        requestFailed(slot, path, pos, attempts, step, sentAt, shedRetryAfter);
        return;
      }
      const departure = st.arrive(t, serviceTime(stage, step));
      const then = route[step * 6 + stage + 1]!;
      if (then === ST_END) {
        requestDone(slot, path, pos, step, sentAt, departure);
        return;
      }
      // The request reaches its next FIFO station before any other event can happen: it arrives there
      // now, computed, with no event (no arrival there can come earlier, nor a random draw in between,
      // so the result is exactly the evented one). The registry and a shedding CPU act at `now`: evented.
      if (then !== ST_REGISTRY && !(then === ST_CPU && shedding) && departure < heap.nextTimeBound()) {
        stage = then;
        t = departure;
        continue;
      }
      const saved = slot >= 0 ? slot : save(path, pos, attempts, step, sentAt);
      B[saved * 16 + B_STAGE] = then;
      heap.push(departure, EV_STAGE, saved);
      return;
    }
  };

  /** The request in `slot` reaches its stage `from` now (after an event). */
  const enterStage = (slot: number, from: number): void => {
    proceed(
      slot,
      W[slot * 8 + W_PATH]!,
      W[slot * 8 + W_POS]!,
      W[slot * 8 + W_ATTEMPTS]!,
      B[slot * 16 + B_STEP]!,
      T[slot * 2 + 1]!,
      from,
    );
  };

  // ── the registry, through the service's client ──
  // The client (target-service/registry/client.ts) sends at most `limit` calls at once per instance: the
  // operator's fixed quota, or AIMD (adaptive-limit.ts): +1/limit per answer while at least half the
  // permits are in use, × backoff on a 429 or a timeout, no growth for a 429's Retry-After. Calls beyond
  // the limit wait at the client, an applicant's (interactive) before the worker's (background); an
  // applicant's waits at most one timeout and is then stored pending (202), the worker's as long as it
  // takes. With several instances `lim` is their mean limit and `permits` their sum.
  const limitMax = R.maxInFlight / R.instances;
  let lim = R.limitFixed > 0 ? R.limitFixed : R.limitInitial;
  let holdUntil = Number.NEGATIVE_INFINITY;
  let permits = 0;
  let clientWaiting = 0;
  let workerHeld = 0;
  const waitInteractive: number[] = [];
  let waitInteractiveHead = 0;
  const waitBackground: number[] = [];
  let waitBackgroundHead = 0;
  const allowed = (): number => R.instances * Math.max(1, Math.floor(lim));

  /** An attempt ends for the limit: 1 answered, −1 refused for capacity (429) or timed out, 0 neither. */
  const release = (c: number, signal: number, holdSeconds: number): void => {
    permits -= 1;
    if (R.limitFixed === 0) {
      if (signal > 0) {
        if (cSent[c]! * 2 >= lim && now >= holdUntil) lim = Math.min(limitMax, lim + 1 / (lim * R.instances));
      } else if (signal < 0) {
        lim = Math.max(1, lim * (1 - (1 - R.limitBackoff) / R.instances));
        if (holdSeconds > 0) holdUntil = Math.max(holdUntil, now + holdSeconds);
      }
    }
    drainClient();
  };

  const drainClient = (): void => {
    while (clientWaiting > 0 && permits < allowed()) {
      let token: number;
      if (waitInteractiveHead < waitInteractive.length) token = waitInteractive[waitInteractiveHead++]!;
      else if (waitBackgroundHead < waitBackground.length) token = waitBackground[waitBackgroundHead++]!;
      else break;
      const c = token >> 6;
      if (cState[c] !== 3 || (cSeq[c]! & 63) !== (token & 63)) continue; // gave up waiting
      clientWaiting -= 1;
      send(c);
    }
    if (waitInteractiveHead > 1024 && waitInteractiveHead * 2 > waitInteractive.length) {
      waitInteractive.splice(0, waitInteractiveHead);
      waitInteractiveHead = 0;
    }
    if (waitBackgroundHead > 1024 && waitBackgroundHead * 2 > waitBackground.length) {
      waitBackground.splice(0, waitBackgroundHead);
      waitBackgroundHead = 0;
    }
  };

  const startVerify = (slot: number): void => {
    if (registryInFlight >= R.maxInFlight) {
      pending += 1; // bulkhead full: stored pending at once (202)
      newJob();
      enterStage(slot, ST_DB);
      return;
    }
    registryInFlight += 1;
    attempt(allocCall(slot));
  };

  const newJob = (instance = -1): void => {
    const c = allocCall(-1, instance);
    heap.push(now + R.pollSeconds, EV_VERIFY, c);
  };

  const inOutage = (): boolean => {
    const o = R.outages;
    const model = now * timeScale;
    for (let i = 0; i < o.length; i += 2) if (model >= o[i]! && model < o[i + 1]!) return true;
    return false;
  };

  // ── each instance's circuit breaker (target-service/registry/circuit-breaker.ts) ──
  // closed → open after `breakerThreshold` consecutive failures (a timeout, a 5xx, a 503; a 429 is
  // backpressure and counts as an answer) → half-open after `breakerReset` seconds, when one call (the
  // probe) goes through: an answer closes it, a failure opens it again. While open, a call that got its
  // permit gives it back and fails at once, with no retry: the profile is stored pending (202) and a
  // background job backs off. Stored state moves to half-open only when a call asks, as in the service.
  const B_CLOSED = 0;
  const B_OPEN = 1;
  const B_HALF_OPEN = 2;
  const breakerState = new Uint8Array(R.instances);
  const breakerFailures = new Int32Array(R.instances);
  const breakerOpenedAt = new Float64Array(R.instances);
  const breakerProbe = new Uint8Array(R.instances);
  let circuitOpenRejections = 0;
  const breakerAllows = (i: number): boolean => {
    if (breakerState[i] === B_OPEN && now - breakerOpenedAt[i]! >= R.breakerReset)
      breakerState[i] = B_HALF_OPEN;
    if (breakerState[i] === B_CLOSED) return true;
    if (breakerState[i] === B_OPEN || breakerProbe[i] === 1) return false;
    breakerProbe[i] = 1;
    return true;
  };
  const breakerAnswered = (c: number): void => {
    const i = cInstance[c]!;
    breakerFailures[i] = 0;
    if (breakerState[i] === B_HALF_OPEN) {
      breakerProbe[i] = 0;
      breakerState[i] = B_CLOSED;
    }
  };
  const breakerFailed = (c: number): void => {
    const i = cInstance[c]!;
    // A failed probe opens it again; a late failure of a call sent before it opened changes nothing.
    if (breakerState[i] === B_HALF_OPEN) breakerProbe[i] = 0;
    else if (breakerState[i] === B_OPEN) return;
    else {
      breakerFailures[i] = breakerFailures[i]! + 1;
      if (breakerFailures[i]! < R.breakerThreshold) return;
    }
    breakerOpenedAt[i] = now;
    breakerFailures[i] = 0;
    breakerState[i] = B_OPEN;
  };

  /** An attempt asks the client for a permit: sent at once, or waits at the client. */
  const attempt = (c: number): void => {
    cAttempt[c] = cAttempt[c]! + 1;
    cSeq[c] = (cSeq[c]! + 1) | 0;
    if (clientWaiting === 0 && permits < allowed()) {
      send(c);
      return;
    }
    cState[c] = 3;
    clientWaiting += 1;
    const token = (c << 6) | (cSeq[c]! & 63);
    if (cOwner[c]! >= 0) {
      waitInteractive.push(token);
      if (R.timeout > 0) heap.push(now + R.timeout, EV_REG_TIMEOUT, token);
    } else waitBackground.push(token);
  };

  /** With a permit: the attempt goes to the registry. */
  const send = (c: number): void => {
    permits += 1;
    cSent[c] = Math.ceil(permits / R.instances);
    cSeq[c] = (cSeq[c]! + 1) | 0; // a wait's timer is stale now
    cState[c] = 0;
    cStart[c] = now;
    if (!breakerAllows(cInstance[c]!)) {
      circuitOpenRejections += 1;
      release(c, 0, 0); // the permit goes back unused
      verifyEnded(c, false, true); // circuit open: no retry
      return;
    }
    if (inOutage()) {
      breakerFailed(c);
      release(c, 0, 0); // a 503 says nothing about capacity
      attemptFailed(c, R.retryAfter);
      return;
    }
    if (R.rateLimit > 0) {
      tokens = Math.min(R.rateLimit, tokens + (now - tokensAt) * R.rateLimit);
      tokensAt = now;
      if (tokens < 1) {
        breakerAnswered(c); // a 429: the registry is up
        release(c, -1, R.retryAfter);
        attemptFailed(c, R.retryAfter);
        return;
      }
      tokens -= 1;
    }
    reg.advance(now);
    reg.entries += 1;
    const token = (c << 6) | (cSeq[c]! & 63);
    if (reg.busy < reg.servers && reg.waiting === 0) {
      reg.busy += 1;
      reg.noteStart(0);
      cState[c] = 2;
      const service = rng.lognormal(R.meanSeconds, R.sigma);
      heap.push(now + service, EV_REG_DONE, token);
      // Answered before the client's timeout: no timeout event needed.
      if (R.timeout > 0 && service >= R.timeout) heap.push(now + R.timeout, EV_REG_TIMEOUT, token);
      return;
    } else if (R.queue && reg.waiting < R.maxQueue) {
      reg.waiting += 1;
      reg.enqueue(token);
      cState[c] = 1;
    } else {
      reg.entries -= 1;
      breakerAnswered(c); // a 429: the registry is up
      release(c, -1, R.retryAfter);
      attemptFailed(c, R.retryAfter);
      return;
    }
    if (R.timeout > 0) heap.push(now + R.timeout, EV_REG_TIMEOUT, token);
  };

  const attemptFailed = (c: number, retryAfter: number): void => {
    cState[c] = 0;
    cSeq[c] = (cSeq[c]! + 1) | 0;
    if (cAttempt[c]! <= R.retries) {
      const jitter = rng.float() * Math.min(R.backoffCap, R.backoffBase * 2 ** (cAttempt[c]! - 1));
      heap.push(now + Math.max(jitter, Math.min(retryAfter, R.retryAfterCap)), EV_REG_RETRY, c);
      return;
    }
    verifyEnded(c, false);
  };

  /** A call's verify() is over: answered, or failed (`notAsked`: refused before reaching the registry, as
   *  by an open circuit: a background job then comes back after the base delay, not a growing one). */
  const verifyEnded = (c: number, answered: boolean, notAsked = false): void => {
    registryInFlight -= 1;
    const owner = cOwner[c]!;
    if (owner >= 0) {
      const instance = cInstance[c]!;
      freeCall(c);
      if (!answered) {
        pending += 1;
        newJob(instance);
      }
      enterStage(owner, ST_DB);
      return;
    }
    workerHeld -= 1;
    if (answered) {
      pending -= 1;
      freeCall(c);
      return;
    }
    cJobAttempts[c] = cJobAttempts[c]! + 1;
    const delay = notAsked
      ? R.verifyBase
      : Math.min(R.verifyCap, R.verifyBase * 2 ** Math.max(0, cJobAttempts[c]! - 1));
    cSeq[c] = (cSeq[c]! + 1) | 0;
    heap.push(now + delay, EV_VERIFY, c);
  };

  /** A registry slot frees: the next live call in the queue starts. */
  const registrySlotFree = (): void => {
    reg.advance(now);
    reg.completions += 1;
    while (reg.storedLength > 0) {
      const token = reg.dequeue();
      const c = token >> 6;
      if (cState[c] !== 1 || (cSeq[c]! & 63) !== (token & 63)) continue; // timed out while queued
      reg.waiting -= 1;
      reg.noteStart(now - cStart[c]!);
      cState[c] = 2;
      heap.push(now + rng.lognormal(R.meanSeconds, R.sigma), EV_REG_DONE, token);
      return;
    }
    reg.busy -= 1;
  };

  // ── the loop ──
  // The schedule's allocation-free reader: the next arrival's time (NaN when over), its index lastIndex().
  let nextArrival = schedule.nextSeconds();
  if (Number.isNaN(nextArrival)) arrivalsOver = true;
  else heap.offerStream(nextArrival);
  heap.push(60, EV_MINUTE, 0);
  const hardStop = profile.durationSeconds + 86_400 * Math.max(thinkScale, 1 / 24) + 3600;

  while (heap.pop()) {
    now = heap.topTime;
    if (now > hardStop) break;
    events += 1;
    const kind = heap.topKind;
    const subject = heap.topSubject;
    switch (kind) {
      case EV_ISSUE:
        send0(subject & PATH_MASK, (subject >>> POS_SHIFT) & POS_MASK, (subject >>> ATTEMPTS_SHIFT) + 1);
        break;
      case EV_STAGE:
        enterStage(subject, B[subject * 16 + B_STAGE]!);
        break;
      case EV_FINISH:
        finish(subject);
        break;
      case EV_REG_DONE: {
        const c = subject >> 6;
        const live = cState[c] === 2 && (cSeq[c]! & 63) === (subject & 63);
        reg.sumResponse += now - (live ? cStart[c]! : now);
        registrySlotFree();
        if (!live) break; // the client had given up (timeout); the registry still did the work
        cState[c] = 0;
        if (R.errorRate > 0 && rng.float() < R.errorRate) {
          breakerFailed(c); // a 500
          release(c, 0, 0);
          attemptFailed(c, 0);
        } else {
          breakerAnswered(c);
          release(c, 1, 0);
          verifyEnded(c, true);
        }
        break;
      }
      case EV_REG_TIMEOUT: {
        const c = subject >> 6;
        if ((cSeq[c]! & 63) !== (subject & 63) || cState[c] === 0) break;
        if (cState[c] === 3) {
          // No permit within one timeout: the client gives up at once (no retry), the profile is pending.
          cState[c] = 0;
          clientWaiting -= 1;
          verifyEnded(c, false);
          break;
        }
        if (cState[c] === 1) {
          reg.advance(now);
          reg.waiting -= 1; // the stub takes an aborted caller out of its queue
        }
        cState[c] = 0;
        breakerFailed(c); // a timeout
        release(c, -1, 0);
        attemptFailed(c, 0);
        break;
      }
      case EV_REG_RETRY:
        attempt(subject);
        break;
      case EV_VERIFY: {
        // While its instance's circuit is open the worker claims nothing (verification-worker.ts room()).
        const instance = cInstance[subject]!;
        if (breakerState[instance] === B_OPEN && now - breakerOpenedAt[instance]! < R.breakerReset) {
          heap.push(now + R.pollSeconds, EV_VERIFY, subject);
          break;
        }
        // The worker holds min(batch, perPermit × limit) jobs per instance and claims more at its next poll.
        const room = R.instances * Math.min(R.workerBatch, R.workerPerPermit * Math.max(1, Math.floor(lim)));
        if (workerHeld >= room) {
          heap.push(now + R.pollSeconds, EV_VERIFY, subject);
          break;
        }
        if (registryInFlight >= R.maxInFlight) {
          heap.push(now + R.verifyBase, EV_VERIFY, subject);
          break;
        }
        registryInFlight += 1;
        workerHeld += 1;
        cAttempt[subject] = 0;
        attempt(subject);
        break;
      }
      case EV_ARRIVAL: {
        arrivals += 1;
        mArrivals += 1;
        const path = schedule.lastIndex() % paths.count;
        if (P.waitingRoom.enabled && active >= P.waitingRoom.maxActive) {
          if (room.waiting < P.waitingRoom.maxQueue) {
            room.advance(now);
            room.entries += 1;
            room.waiting += 1;
            roomEnqueue(path);
          } else turnedAway += 1;
        } else admit(path);
        nextArrival = schedule.nextSeconds();
        if (Number.isNaN(nextArrival)) arrivalsOver = true;
        else heap.offerStream(nextArrival);
        break;
      }
      case EV_MINUTE: {
        input.onMinute?.(now);
        minutes.arrivals.push(mArrivals);
        minutes.completed.push(mCompleted);
        minutes.abandoned.push(mAbandoned);
        minutes.droppedOut.push(mDropped);
        minutes.pending.push(pending);
        mArrivals = mCompleted = mAbandoned = mDropped = 0;
        for (let i = 0; i < 6; i++) {
          const st = i === ST_REGISTRY ? reg : i === 5 ? room : fifo[i]!;
          if (st instanceof FifoStation) st.flush(now);
          else st.advance(now);
          minutes.queue[i]!.push(st.waiting);
          minutes.wait[i]!.push(st.minuteStarts > 0 ? st.minuteWait / st.minuteStarts : 0);
          minutes.utilisation[i]!.push((st.busyArea - lastBusyArea[i]!) / (60 * st.servers));
          lastBusyArea[i] = st.busyArea;
          st.minuteStarts = 0;
          st.minuteWait = 0;
        }
        if (!(arrivalsOver && active === 0 && room.waiting === 0)) heap.push(now + 60, EV_MINUTE, 0);
        break;
      }
    }
    if (arrivalsOver && active === 0 && room.waiting === 0) break;
  }
  flushLatencies();
  // Requests answered after the last event (computed departures) end the run.
  let end = now;
  for (const st of fifo) end = Math.max(end, st.drain());
  reg.advance(end);
  room.advance(end);
  for (const st of fifo) st.flush(end);
  room.busyArea = 0; // the waiting room has no servers: its "busy" is the applicants inside
  const all = [fifo[ST_NET]!, fifo[ST_CPU]!, fifo[ST_POOL]!, reg, fifo[ST_DB]!, room];
  return {
    endSeconds: end,
    events,
    arrivals,
    completed,
    abandoned,
    droppedOut,
    turnedAway,
    unfinished: active + room.waiting,
    pending,
    circuitOpenRejections,
    stepRequests,
    stepFailed,
    histograms,
    stations: all.map((st) => ({
      servers: st.servers,
      busyArea: st.busyArea,
      queueArea: st.queueArea,
      completions: st.completions,
      sumWait: st.sumWait,
      sumResponse: st.sumResponse,
    })),
    minutes,
  };
}

function growI32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function growF64(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
