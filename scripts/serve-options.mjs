/**
 * The console server's address and port from its command line and environment (scripts/serve.mjs).
 * It listens on loopback (127.0.0.1) unless `-H` or `HOST` says otherwise: an admin console is not
 * put on the network by default.
 * @param {string[]} argv @param {Record<string, string | undefined>} env
 */
export function serveOptions(argv, env) {
  const option = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return { hostname: option('-H') ?? env.HOST ?? '127.0.0.1', port: Number(option('-p') ?? env.PORT ?? 3000) };
}

/**
 * Wrap a request handler: `x-dirsync-client-address` is set from the socket (overwriting any such
 * header a client sent) — sign-in throttling keys on it. `X-Forwarded-Host` and `X-Forwarded-For`
 * are dropped, since any client can send them, unless a reverse proxy in front is trusted to set
 * them (DIRSYNC_TRUST_PROXY=1); then the address is the last X-Forwarded-For entry, the one that
 * proxy added.
 * @param {boolean} trustProxy
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => unknown} handler
 */
export function withClientAddress(trustProxy, handler) {
  return (req, res) => {
    let address = req.socket.remoteAddress ?? 'unknown';
    if (trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (forwarded.length) address = forwarded[forwarded.length - 1];
    } else {
      delete req.headers['x-forwarded-host'];
      delete req.headers['x-forwarded-for'];
    }
    req.headers['x-dirsync-client-address'] = address.replace(/^::ffff:/, '').slice(0, 64);
    return handler(req, res);
  };
}
