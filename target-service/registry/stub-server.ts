// Starts the registry stub on a loopback port (port 0 = any free port) and hands back its controls.
import type { AddressInfo } from 'node:net';
import { type RegistryStubOptions, buildRegistryStub } from './stub-app.js';
import type { StubBehaviour } from './stub-behaviour.js';

export interface RunningRegistryStub {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
  /** Validates and merges (throws StubBehaviourError); takes effect for the next call. */
  setBehaviour(partial: Partial<StubBehaviour>): StubBehaviour;
  behaviour(): StubBehaviour;
}

export interface StartRegistryStubOptions extends RegistryStubOptions {
  /** Default 127.0.0.1: the stub is load-test equipment, never exposed. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
}

export async function startRegistryStub(opts: StartRegistryStubOptions = {}): Promise<RunningRegistryStub> {
  const { host = '127.0.0.1', port = 0, ...stubOptions } = opts;
  const app = buildRegistryStub(stubOptions);
  await app.listen({ host, port });
  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () => app.close(),
    setBehaviour: (partial) => app.stub.setBehaviour(partial),
    behaviour: () => app.stub.behaviour(),
  };
}
