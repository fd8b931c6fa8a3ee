import type { NextConfig } from 'next';
import { configuredOriginHosts } from './lib/auth/origins';

const isDev = process.env.NODE_ENV === 'development';

/**
 * A static policy (no nonces): Next's bootstrap scripts are inline, so script-src needs
 * 'unsafe-inline'; everything else is same-origin only, and no page may be framed.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
];

const nextConfig: NextConfig = {
  // A separate build directory lets two builds of this checkout run side by side (NEXT_DIST_DIR).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  // The native SQLite binding is loaded by Node at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  experimental: {
    serverActions: {
      // Written out: the proxy (proxy.ts, lib/auth/origins.ts) refuses every other Origin before an
      // action runs; these names are the ones a reverse proxy may put in front (DIRSYNC_ALLOWED_ORIGINS).
      allowedOrigins: configuredOriginHosts(),
      // The Resync Wizard's upload sends a RESYNC.GLB (up to 8 MB, lib/resync/wizard-state.ts) as base64 through its server action.
      bodySizeLimit: '12mb',
    },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
