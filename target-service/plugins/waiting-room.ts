// The waiting room in front of POST /api/v1/accounts (new sign-ups; waiting-room.ts has the mechanics).
// Runs onRequest, before the body is read, so a refused sign-up costs almost nothing. Off unless the
// service is started with --waiting-room-rate N.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge } from 'prom-client';
import { glbError } from '../errors.js';
import { WaitingRoom } from '../waiting-room.js';

/** The request header a queued applicant sends back to keep their place. */
export const TICKET_HEADER = 'x-waiting-room-ticket';

/** Routes behind the room: creating an account is what a new applicant does first. */
const GUARDED = new Set(['POST /api/v1/accounts']);

export default fp(
  async function waitingRoomPlugin(app: FastifyInstance) {
    const rate = app.config.waitingRoomRate;
    if (rate === undefined) return;
    const room = new WaitingRoom({ ratePerSecond: rate });
    const registers = [app.metrics.registry];
    const admitted = new Counter({
      name: 'gelombang_waiting_room_admitted_total',
      help: 'New sign-ups the waiting room let through (at once or with a called ticket)',
      registers,
    });
    const rejected = new Counter({
      name: 'gelombang_waiting_room_rejected_total',
      help: 'New sign-ups the waiting room answered 429 with a ticket, a queue position and Retry-After',
      registers,
    });
    new Gauge({
      name: 'gelombang_waiting_room_queue_length',
      help: 'Tickets waiting to be called by the waiting room',
      registers,
      collect() {
        this.set(room.queueLength());
      },
    });

    app.addHook('onRequest', async (request) => {
      if (!GUARDED.has(`${request.method} ${request.routeOptions.url}`)) return;
      const header = request.headers[TICKET_HEADER];
      const decision = room.admit(typeof header === 'string' ? header : undefined);
      if (decision.admitted) {
        admitted.inc();
        return;
      }
      rejected.inc();
      throw glbError('WAITING_ROOM_QUEUED', {
        ticket: decision.ticket,
        position: decision.position,
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    });
  },
  { name: 'gelombang-waiting-room', dependencies: ['gelombang-errors'] },
);
