/** A plain node:http server answering the TCB endpoint (`POST /admin?env=..&seqId=..`). */
import * as http from 'node:http';
import type { EmulatedDatabase } from './database';
import { requestId } from './tcb-handler';

export interface ServerOptions {
  port?: number;
  /** requests whose `action` does not start with `database.` (functions, storage, wx.openApi…) go here if set */
  fallback?: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
}

export interface DatabaseServer { url: string; port: number; close(): Promise<void> }

export function startDatabaseServer(db: EmulatedDatabase, opts: ServerOptions = {}): Promise<DatabaseServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const reply = (status: number, obj: unknown) => {
        const text = JSON.stringify(obj);
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw.toString('utf8') || '{}');
      } catch {
        if (opts.fallback) return opts.fallback(req, res, raw);
        return reply(200, { requestId: requestId(), code: 'INVALID_PARAM', message: 'body is not JSON' });
      }
      const action = String(body.action ?? '');
      if (!action.startsWith('database.') && opts.fallback) return opts.fallback(req, res, raw);
      const h = req.headers['x-wx-openid'];
      const openid = Array.isArray(h) ? h[0] : h;
      db.handle(body, openid ? { openid } : undefined).then(
        (ans) => reply(200, ans),
        (e) => reply(200, { requestId: requestId(), code: 'DATABASE_REQUEST_FAILED', message: String(e?.message ?? e) }),
      );
    });
  });
  // the SDK uses keep-alive agents; don't let idle sockets hold close()
  server.keepAliveTimeout = 1000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({
        url: `http://127.0.0.1:${port}/admin`,
        port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections?.();
          }),
      });
    });
  });
}

/** The environment variables the real wx-server-sdk needs to talk to the emulator at `url`.
 *  Set them in process.env before `require('wx-server-sdk')` / `cloud.init()`. */
export function sdkEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    // DYNAMIC_CURRENT_ENV resolves to TCB_ENV || SCF_NAMESPACE (TCB_ENV only when listed in TCB/WX_CONTEXT_KEYS)
    SCF_NAMESPACE: 'local',
    TCB_ENV: 'local',
    // skips the SDK's probe of http://metadata.tencentyun.com (30 ms timeout, repeated on every request when unreachable)
    TENCENTCLOUD: 'true',
  };
}
