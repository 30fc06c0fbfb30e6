/** Starting the test kit's local HTTP servers: 127.0.0.1 only, on a free port. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Closes the server, dropping open keep-alive connections first. */
  close(): Promise<void>;
}

/**
 * Listens on a free port of 127.0.0.1 (never another address).
 *
 * @example
 * const { url, close } = await listenLocal(createServer(handler));
 */
export async function listenLocal(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
