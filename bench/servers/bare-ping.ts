// The baseline: a bare Fastify server answering GET /ping, run in its own process like the service.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/ping', async () => ({ pong: true }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${address}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
